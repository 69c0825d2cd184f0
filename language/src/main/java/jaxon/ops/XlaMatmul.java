package jaxon.ops;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The order in which JAX's CPU backend (XLA with YNNPACK, JAX 0.11, x86-64 with AVX-512) adds the
 * k products of each element of a float32 matrix product, so that Jaxon rounds as JAX does.
 * <p>
 * XLA gives a product with m > 1, n > 1 and some dimension >= 8 to YNNPACK. YNNPACK picks a kernel
 * with a cost model ({@link #plan}); a kernel keeps tile_k accumulators per output element (product
 * q goes to lane q mod tile_k, each lane a chain of FMAs from 0) and adds the lanes pairwise at the
 * end of a call. The k axis is cut into blocks that fit the L2 cache, one kernel call per block,
 * each call adding its result into C; a k tail that is not a multiple of tile_k is one more call
 * with the missing products zero-padded. Every other product (a row or column vector, or all
 * dimensions below 8) is XLA's own loop: one FMA chain over k from 0. Vector times vector is a
 * reduce(multiply) to XLA and is summed by {@link XlaSum#dot}.
 */
final class XlaMatmul {
    private XlaMatmul() {
    }

    /**
     * How one output element's products are added: tileK lanes, k cut into kernel calls of kBlock
     * products up to kMain, then a zero-padded tail call over [kMain, k). XLA's own loop is tileK 1
     * and a single call.
     */
    record Plan(int tileK, int kBlock, int kMain, boolean sequential) {
        static Plan loop(int k) {
            return new Plan(1, Math.max(k, 1), k, true);
        }
    }

    /**
     * YNNPACK's x86 fp32 dot kernels usable on an AVX-512 host, in kernels.inc order: block_m,
     * block_n, block_k, tile_m, tile_n, tile_k.
     */
    private static final int[][] KERNELS = kernels();

    private static int[][] kernels() {
        int[][] out = new int[55][];
        int[] count = {0};
        // avx512_k1: tile 1x16x1
        add(out, count, new int[]{1, 16, 1}, 1, 64, 1, 2, 64, 1, 3, 64, 1, 4, 64, 1, 5, 64, 1, 1, 32, 1, 2, 32, 1, 3, 32, 1, 4, 32, 1, 5, 32, 1, 5, 16, 1);
        // avx512_k2: tile 1x8x2
        add(out, count, new int[]{1, 8, 2}, 1, 32, 2, 2, 32, 2, 3, 32, 2, 4, 32, 2, 5, 32, 2, 1, 16, 2, 4, 16, 2, 4, 8, 2, 8, 8, 2);
        // avx512_k4: tile 1x4x4
        add(out, count, new int[]{1, 4, 4}, 1, 32, 4, 2, 32, 4, 1, 16, 4, 3, 16, 4, 4, 16, 4, 5, 16, 4, 2, 8, 4, 4, 8, 4, 6, 8, 4, 4, 4, 4, 8, 4, 4);
        // fma3_k1: tile 1x8x1
        add(out, count, new int[]{1, 8, 1}, 1, 32, 1, 2, 32, 1, 1, 16, 1, 2, 16, 1, 3, 16, 1, 4, 16, 1, 5, 16, 1, 6, 16, 1, 8, 8, 1);
        // avx2fma3_k8: tile 1x1x8
        add(out, count, new int[]{1, 1, 8}, 1, 1, 8, 2, 1, 8, 4, 1, 8, 8, 1, 8);
        // avx2fma3_k2: tile 1x4x2
        add(out, count, new int[]{1, 4, 2}, 1, 16, 2, 2, 16, 2, 1, 8, 2, 3, 8, 2, 4, 8, 2, 5, 8, 2, 6, 8, 2, 4, 4, 2, 5, 4, 2, 6, 4, 2, 8, 4, 2);
        return Arrays.copyOf(out, count[0]);
    }

    private static void add(int[][] out, int[] count, int[] tile, int... blocks) {
        for (int i = 0; i < blocks.length; i += 3) {
            out[count[0]++] = new int[]{blocks[i], blocks[i + 1], blocks[i + 2], tile[0], tile[1], tile[2]};
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** The summation order XLA uses for an (m, k) @ (k, n) product with m > 1 or n > 1. */
    static Plan plan(int m, int k, int n) {
        if (m == 1 || n == 1 || Math.max(m, Math.max(k, n)) < 8 || k == 0) {
            return Plan.loop(k); // XLA's dot emitter: one FMA chain per element
        }
        // YNNPACK's estimate_dot_cost: the first kernel with the strictly lowest cost wins.
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int[] r : KERNELS) {
            long loadsA = (long) r[0] * r[2] / (r[3] * r[5]);
            long loadsB = (long) r[1] * r[2] / (r[4] * r[5]);
            double calls = (double) ceilDiv(m, r[0]) * ceilDiv(n, r[1]) * ceilDiv(k, r[2]);
            double cost = calls * ((loadsA * 5 + loadsB * 11 + 9) + r[3] * r[4] * r[5] * 1e-4);
            if (cost < bestCost) {
                bestCost = cost;
                best = r;
            }
        }
        int blockK = best[2];
        int tileN = best[4];
        int tileK = best[5];
        // schedule_dot's k blocking: the packed B block (block_n columns, at most 64 per 32 KiB of
        // k) times block_k must fit the 128 KiB L2 budget.
        long blockNPacked = Math.min(ceilDiv(n, tileN) * tileN, 64L * Math.max(1, 32768 / (64L * k)));
        int kBlock = (int) Math.max(1, 131072 / (blockNPacked * 4 * blockK)) * blockK;
        return new Plan(tileK, kBlock, k & ~(tileK - 1), false);
    }

    /**
     * C[m,n] = A[m,k] B[k,n] in the order of {@code p}. With the four-lane kernel and warm SIMD
     * kernels, whole panels of Simd.panelWidth() columns go through {@link #multiplyPanels} and
     * only the columns left over through the lane rows of {@link #multiplyColumns}.
     */
    static void multiply(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n, Plan p) {
        boolean large = (long) m * k * n >= 1L << 18;
        int from = 0;
        // Simd.ready() comes first: it starts the SIMD warm-up for any large product (rows are
        // often shorter than the runs that start it elsewhere).
        if (large && Simd.ready() && p.tileK() == 4) {
            int panels = n / Simd.panelWidth();
            multiplyPanels(a, aOff, b, bOff, c, cOff, m, k, n, panels, p);
            from = panels * Simd.panelWidth();
        }
        if (from < n) {
            multiplyColumns(a, aOff, b, bOff, c, cOff, m, k, n, from, n, p, large);
        }
    }

    /**
     * Columns [j0, j1) of C. Rows of C are split across cores in blocks of 32; for each kernel
     * call (k segment) each row keeps tileK lane rows of accumulators, fed in i-k-j order over
     * 256-wide slices of k that stay in cache, then adds the lanes pairwise into C.
     */
    private static void multiplyColumns(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
            int j0, int j1, Plan p, boolean parallel) {
        final int rowBlock = 32;
        final int cacheK = 256;
        final int tk = p.tileK();
        final int w = j1 - j0;
        IntStream range = IntStream.range(0, (m + rowBlock - 1) / rowBlock);
        if (parallel) {
            range = range.parallel();
        }
        range.forEach(blk -> {
            int i0 = blk * rowBlock;
            int i1 = Math.min(m, i0 + rowBlock);
            int laneRow = tk * w;
            float[] lanes = new float[(i1 - i0) * laneRow];
            boolean first = true;
            for (int s0 = 0; s0 < k; ) {
                // One kernel call: [s0, s1). Calls of kBlock up to kMain, then the tail call.
                int s1 = s0 < p.kMain() ? Math.min(p.kMain(), s0 + p.kBlock()) : k;
                if (!first) {
                    Arrays.fill(lanes, 0f);
                }
                for (int q0 = s0; q0 < s1; q0 += cacheK) {
                    int q1 = Math.min(s1, q0 + cacheK);
                    for (int i = i0; i < i1; i++) {
                        int arow = aOff + i * k;
                        int lrow = (i - i0) * laneRow;
                        int q = q0;
                        for (; q + 4 * tk <= q1; q += 4 * tk) { // q - s0 is a multiple of 4*tk: q + t goes to lane t mod tk
                            for (int t = 0; t < tk; t++) {
                                // four products of lane t, in order: the lane row is loaded and stored once per four
                                int ai = arow + q + t;
                                Simd.fourProducts(a[ai], a[ai + tk], a[ai + 2 * tk], a[ai + 3 * tk], b, bOff + (q + t) * n + j0, tk * n,
                                        lanes, lrow + t * w, w);
                            }
                        }
                        for (; q < q1; q++) {
                            Simd.multiplyAdd(a[arow + q], b, bOff + q * n + j0, lanes, lrow + ((q - s0) & (tk - 1)) * w, w);
                        }
                    }
                }
                for (int i = i0; i < i1; i++) {
                    addLanes(lanes, (i - i0) * laneRow, w, tk, c, cOff + i * n + j0, first);
                }
                first = false;
                s0 = s1;
            }
        });
    }

    /**
     * The first panels * Simd.panelWidth() columns of C for the four-lane kernel, in SIMD tiles
     * of four rows by one panel whose sixteen accumulators (four rows by four lanes) stay in
     * registers for a whole kernel call. B is first packed panel by panel, each panel's k rows
     * contiguous, so a tile reads it as one stream. Rows of C are split across cores in blocks
     * of 32; within a block, call by call and panel by panel, so that the panel's slice of B
     * stays in cache while the block's rows pass over it.
     */
    private static void multiplyPanels(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n, int panels, Plan p) {
        final int width = Simd.panelWidth();
        float[] packed = new float[panels * k * width];
        IntStream.range(0, panels).parallel().forEach(panel -> {
            for (int q = 0; q < k; q++) {
                System.arraycopy(b, bOff + q * n + panel * width, packed, (panel * k + q) * width, width);
            }
        });
        final int rowBlock = 32;
        IntStream.range(0, (m + rowBlock - 1) / rowBlock).parallel().forEach(blk -> {
            int i0 = blk * rowBlock;
            int i1 = Math.min(m, i0 + rowBlock);
            boolean first = true;
            for (int s0 = 0; s0 < k; ) {
                int s1 = s0 < p.kMain() ? Math.min(p.kMain(), s0 + p.kBlock()) : k;
                for (int panel = 0; panel < panels; panel++) {
                    for (int i = i0; i < i1; i += 4) {
                        Simd.tile4(a, aOff + i * k, k, Math.min(4, i1 - i), packed, panel * k * width, s0, s1,
                                c, cOff + i * n + panel * width, n, first);
                    }
                }
                first = false;
                s0 = s1;
            }
        });
    }

    /**
     * The end of a kernel call: lanes added pairwise, neighbours first (2: l0+l1; 4:
     * (l0+l1)+(l2+l3); 8: the same over halves), the result stored to C (first call) or added to it.
     */
    private static void addLanes(float[] l, int o, int n, int tk, float[] c, int co, boolean first) {
        for (int j = 0; j < n; j++) {
            int x = o + j;
            float part = switch (tk) {
                case 1 -> l[x];
                case 2 -> l[x] + l[x + n];
                case 4 -> (l[x] + l[x + n]) + (l[x + 2 * n] + l[x + 3 * n]);
                default -> ((l[x] + l[x + n]) + (l[x + 2 * n] + l[x + 3 * n]))
                        + ((l[x + 4 * n] + l[x + 5 * n]) + (l[x + 6 * n] + l[x + 7 * n]));
            };
            c[co + j] = first ? part : part + c[co + j];
        }
    }

    /** One element of a product in the order of {@code p}: the dot of x[xo..xo+k) and y[yo..yo+k). */
    static float dot(float[] x, int xo, float[] y, int yo, int k, Plan p, float[] lanes) {
        int tk = p.tileK();
        float out = 0;
        for (int s0 = 0; s0 < k; ) {
            int s1 = s0 < p.kMain() ? Math.min(p.kMain(), s0 + p.kBlock()) : k;
            float part = tk == 1 ? segment1(x, xo, y, yo, s0, s1) : tk == 4 ? segment4(x, xo, y, yo, s0, s1) : segment(x, xo, y, yo, s0, s1, tk, lanes);
            out = s0 == 0 ? part : part + out;
            s0 = s1;
        }
        return out;
    }

    /** One kernel call over [s0, s1) with tk lanes (product q in lane (q - s0) mod tk), lanes added pairwise. */
    private static float segment(float[] x, int xo, float[] y, int yo, int s0, int s1, int tk, float[] lanes) {
        Arrays.fill(lanes, 0, tk, 0f);
        for (int q = s0; q < s1; q++) {
            int l = (q - s0) & (tk - 1);
            lanes[l] = Math.fma(x[xo + q], y[yo + q], lanes[l]);
        }
        return switch (tk) {
            case 1 -> lanes[0];
            case 2 -> lanes[0] + lanes[1];
            default -> ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        };
    }

    /**
     * out[o + r] = dot(x[xo..xo+k), y row r at yo + r*k) for r = 0..3, each in the order of p: one
     * {@link #dot} per row, or the four together in SIMD lanes for the four-lane kernel.
     */
    static void dots4(float[] x, int xo, float[] y, int yo, int k, Plan p, float[] lanes, float[] out, int o) {
        if (p.tileK() == 4 && Simd.ready()) {
            float[] parts = new float[4];
            for (int s0 = 0; s0 < k; ) {
                int s1 = s0 < p.kMain() ? Math.min(p.kMain(), s0 + p.kBlock()) : k;
                Simd.segment4x4(x, xo, y, yo, k, s0, s1, parts);
                for (int r = 0; r < 4; r++) {
                    out[o + r] = s0 == 0 ? parts[r] : parts[r] + out[o + r];
                }
                s0 = s1;
            }
            return;
        }
        for (int r = 0; r < 4; r++) {
            out[o + r] = dot(x, xo, y, yo + r * k, k, p, lanes);
        }
    }

    /** {@link #segment} for one lane: a single FMA chain. */
    private static float segment1(float[] x, int xo, float[] y, int yo, int s0, int s1) {
        float acc = 0;
        for (int q = s0; q < s1; q++) {
            acc = Math.fma(x[xo + q], y[yo + q], acc);
        }
        return acc;
    }

    /** {@link #segment} for four lanes (the common AVX-512 kernel), the lanes in registers. */
    private static float segment4(float[] x, int xo, float[] y, int yo, int s0, int s1) {
        float l0 = 0;
        float l1 = 0;
        float l2 = 0;
        float l3 = 0;
        int q = s0;
        for (; q + 4 <= s1; q += 4) {
            l0 = Math.fma(x[xo + q], y[yo + q], l0);
            l1 = Math.fma(x[xo + q + 1], y[yo + q + 1], l1);
            l2 = Math.fma(x[xo + q + 2], y[yo + q + 2], l2);
            l3 = Math.fma(x[xo + q + 3], y[yo + q + 3], l3);
        }
        if (q < s1) {
            l0 = Math.fma(x[xo + q], y[yo + q], l0);
        }
        if (q + 1 < s1) {
            l1 = Math.fma(x[xo + q + 1], y[yo + q + 1], l1);
        }
        if (q + 2 < s1) {
            l2 = Math.fma(x[xo + q + 2], y[yo + q + 2], l2);
        }
        return (l0 + l1) + (l2 + l3);
    }
}
