package jaxon.ops;

import java.util.Arrays;

/**
 * The float32 summation orders of JAX's XLA CPU backend (JAX 0.11, x86-64), reproduced bit for
 * bit so that Jaxon's sums, means, variances, dot products and scans print the same last digits as
 * JAX. Float addition is not associative, so the order is the whole specification. XLA picks one
 * of three orders from the sizes involved:
 * <ul>
 * <li>A. reduced length n &lt;= 32 (and fewer than 4096 elements in the op): XLA's own loop adds
 * left to right; a multiply fused into the reduce (dot, norm, var) is contracted to an FMA chain.
 * <li>B. 32 &lt; n, fewer than 4096 elements: XLA's TreeReductionRewriter turns the reduce into a
 * reduce-window of 32 with SAME padding, applied again to the partial sums until at most 32
 * remain; each window adds left to right, without FMA.
 * <li>C. the reduce's input or output has at least 4096 elements: XLA hands it to YNNPACK, which
 * adds 16 float lanes in blocks, moves the lane sums up through level accumulators and adds the
 * top level with Kahan compensation.
 * </ul>
 * The arrays are addressed as a[off + i * stride] so that reductions over any axis can use them.
 */
public final class XlaSum {
    private XlaSum() {
    }

    /** Input or output size from which XLA lets YNNPACK do the reduction (path C). */
    public static final int YNN_MIN_ELEMENTS = 4096;
    /** Window of XLA's tree rewrite (path B), and the longest reduction it leaves as a loop. */
    static final int WINDOW = 32;
    /** YNNPACK's vector width in floats (64 bytes, AVX-512). */
    public static final int LANES = 16;
    /** Floats per period of YNNPACK's accumulator clock: each such chunk's sums reach acc2 separately. */
    public static final int CHUNK_ELEMENTS = LANES * 64;
    /** XLA's cumsum rewrite scans rows of this many elements. */
    static final int SCAN_BASE = 16;

    /** Whether a reduction with this input and output size takes YNNPACK's path C. */
    public static boolean usesYnn(long inputSize, long outputSize) {
        return inputSize >= YNN_MIN_ELEMENTS || outputSize >= YNN_MIN_ELEMENTS;
    }

    // ------------------------------------------------------------ paths A and B: XLA's own loops

    /** Plain left-to-right sum from +0 (path A, and each window of path B). */
    static float sequentialSum(float[] a, int off, int stride, int n) {
        float s = 0f;
        for (int i = 0, p = off; i < n; i++, p += stride) {
            s += a[p];
        }
        return s;
    }

    static float sequentialProd(float[] a, int off, int stride, int n) {
        float s = 1f;
        for (int i = 0, p = off; i < n; i++, p += stride) {
            s *= a[p];
        }
        return s;
    }

    /**
     * Sum in XLA's loop order (path A for n &lt;= 32, else path B): windows of 32 with SAME
     * padding, floor(pad / 2) zeros in front. A window's accumulator starts at +0, so the padding
     * zeros never change it: the first window just holds 32 - floor(pad / 2) real elements.
     */
    public static float loopSum(float[] a, int off, int stride, int n) {
        return loopReduce(a, off, stride, n, false);
    }

    /** Product in XLA's loop order: the same windows as {@link #loopSum}, padded with ones. */
    public static float loopProd(float[] a, int off, int stride, int n) {
        return loopReduce(a, off, stride, n, true);
    }

    private static float loopReduce(float[] a, int off, int stride, int n, boolean product) {
        if (n <= WINDOW) {
            return product ? sequentialProd(a, off, stride, n) : sequentialSum(a, off, stride, n);
        }
        int windows = (n + WINDOW - 1) / WINDOW;
        int front = (windows * WINDOW - n) / 2;
        float[] partial = new float[windows];
        int i = 0;
        for (int w = 0; w < windows; w++) {
            int len = Math.min(w == 0 ? WINDOW - front : WINDOW, n - i);
            int p = off + i * stride;
            partial[w] = product ? sequentialProd(a, p, stride, len) : sequentialSum(a, p, stride, len);
            i += len;
        }
        return loopReduce(partial, 0, 1, windows, product);
    }

    /**
     * sum(x * y) for n &lt;= 32 as XLA's loop fusion emits it: LLVM contracts the multiply and add
     * into an FMA chain. Quirk (seen in var at n = 9): for n &lt;= 10 the first 8 * (n / 8) products
     * are SLP-vectorised multiplies, rounded before the add; the rest use FMA.
     */
    static float fusedDotSmall(float[] x, int xo, int xs, float[] y, int yo, int ys, int n) {
        int unfused = n <= 10 ? 8 * (n / 8) : 0;
        float s = 0f;
        for (int j = 0, p = xo, q = yo; j < n; j++, p += xs, q += ys) {
            s = j < unfused ? s + x[p] * y[q] : Math.fma(x[p], y[q], s);
        }
        return s;
    }

    /**
     * sum(x * y) over n elements as XLA fuses it: path A uses FMA; paths B and C round each
     * product first (the tree rewrite and YNNPACK see a materialised multiply).
     */
    public static float dot(float[] x, int xo, int xs, float[] y, int yo, int ys, int n, boolean ynn) {
        if (!ynn && n <= WINDOW) {
            return fusedDotSmall(x, xo, xs, y, yo, ys, n);
        }
        float[] buf = new float[ynn ? Math.min(n, CHUNK) : n];
        YnnK1 acc = new YnnK1();
        for (int start = 0; start < n; start += buf.length) {
            int len = Math.min(buf.length, n - start);
            if (xs == 1 && ys == 1) {
                for (int j = 0, p = xo + start, q = yo + start; j < len; j++) {
                    buf[j] = x[p + j] * y[q + j];
                }
            } else {
                for (int j = 0, p = xo + start * xs, q = yo + start * ys; j < len; j++, p += xs, q += ys) {
                    buf[j] = x[p] * y[q];
                }
            }
            if (!ynn) {
                return loopSum(buf, 0, 1, n);
            }
            acc.add(buf, 0, len);
        }
        return acc.finish();
    }

    /**
     * sum((a[i] - center)^2), var's fused reduce: the deviations are rounded to float32, then
     * summed as {@link #dot} sums products.
     */
    public static float sumSquaredDeviations(float[] a, int off, int stride, int n, float center, boolean ynn) {
        float[] buf = new float[ynn ? Math.min(n, CHUNK) : n];
        YnnK1 acc = new YnnK1();
        for (int start = 0; start < n; start += buf.length) {
            int len = Math.min(buf.length, n - start);
            if (stride == 1) { // the common case, kept simple so that it vectorises
                for (int j = 0, p = off + start; j < len; j++) {
                    buf[j] = a[p + j] - center;
                }
            } else {
                for (int j = 0, p = off + start * stride; j < len; j++, p += stride) {
                    buf[j] = a[p] - center;
                }
            }
            if (!ynn) {
                return dot(buf, 0, 1, buf, 0, 1, n, false);
            }
            for (int j = 0; j < len; j++) {
                buf[j] *= buf[j];
            }
            acc.add(buf, 0, len);
        }
        return ynn ? acc.finish() : 0f;
    }

    // ------------------------------------------------------------ path C: YNNPACK

    /** Elements per chunk when products or deviations are formed on the fly (a multiple of 256). */
    private static final int CHUNK = 4096;

    /** YNNPACK's sum_float_k1 over n contiguous floats (see {@link YnnK1}). */
    public static float ynnSumK1(float[] a, int off, int n) {
        YnnK1 acc = new YnnK1();
        acc.add(a, off, n);
        return acc.finish();
    }

    /**
     * YNNPACK's acc1 lanes after one aligned chunk of {@link #CHUNK_ELEMENTS} floats, into
     * out[o..o+16): four steps of four 64-float blocks, each step's lane sums (from +0) added
     * into acc1 (from +0). Chunks are independent, so they can be computed in any order. acc0:
     * LANES floats of scratch space.
     */
    public static void chunkPartial(float[] a, int off, float[] out, int o, float[] acc0) {
        Arrays.fill(out, o, o + LANES, 0f);
        for (int step = 0, p = off; step < 4; step++) {
            Arrays.fill(acc0, 0f);
            for (int b = 0; b < 4; b++, p += LANES * 4) {
                for (int i = 0; i < LANES; i++) { // lane by lane: C2 makes this one vector operation
                    acc0[i] += (((0f + a[p + i]) + a[p + LANES + i]) + a[p + 2 * LANES + i]) + a[p + 3 * LANES + i];
                }
            }
            for (int i = 0; i < LANES; i++) {
                out[o + i] += acc0[i];
            }
        }
    }

    /** ynnSumK1 of `chunks` whole chunks, given by their {@link #chunkPartial}s, followed by tailLength more floats. */
    public static float ynnSumOfChunks(float[] partials, int chunks, float[] tail, int tailLength) {
        YnnK1 acc = new YnnK1();
        for (int c = 0; c < chunks; c++) {
            System.arraycopy(partials, c * LANES, acc.acc1, 0, LANES);
            acc.addChunk();
        }
        acc.add(tail, 0, tailLength);
        return acc.finish();
    }

    /**
     * The state of YNNPACK's sum_float_k1, one sum over contiguous floats. Lane i of a
     * 64-element block gets ((0 + b[i]) + b[i+16]) + b[i+32]) + b[i+48] (a short tail is zero
     * padded), which is added into acc0. Every 16 lanes-worth of clock acc0 moves into acc1; every
     * 256, acc1 is Kahan-added into acc2. Inputs of 256 or more go four blocks per step. At the end
     * the 16 lanes of acc2 are folded in halves (16 to 8 to 4 to 2 to 1).
     */
    static final class YnnK1 {
        private final float[] acc0 = new float[LANES];
        private final float[] acc1 = new float[LANES];
        private final float[] acc2 = new float[LANES];
        private final float[] err = new float[LANES];
        private int clock;

        /** Adds n more floats; every call but the last must pass a multiple of 256. */
        void add(float[] a, int off, int n) {
            final int block = LANES * 4;
            float[] acc0 = this.acc0;
            int p = off;
            int k = n;
            float[] scratch = k >= CHUNK_ELEMENTS ? new float[LANES] : null;
            for (; k >= CHUNK_ELEMENTS && clock % (LANES * 16) == 0; k -= CHUNK_ELEMENTS, p += CHUNK_ELEMENTS) {
                chunkPartial(a, p, acc1, 0, scratch);
                addChunk();
            }
            while (k >= block * 4) {
                for (int b = 0; b < 4; b++, p += block) {
                    for (int i = 0; i < LANES; i++) {
                        acc0[i] += (((0f + a[p + i]) + a[p + LANES + i]) + a[p + 2 * LANES + i]) + a[p + 3 * LANES + i];
                    }
                }
                k -= block * 4;
                clock += LANES * 4;
                tick(clock, acc0, acc1, acc2, err, LANES);
            }
            while (k >= block) {
                for (int i = 0; i < LANES; i++) {
                    acc0[i] += (((0f + a[p + i]) + a[p + LANES + i]) + a[p + 2 * LANES + i]) + a[p + 3 * LANES + i];
                }
                p += block;
                k -= block;
                clock += LANES;
                tick(clock, acc0, acc1, acc2, err, LANES);
            }
            for (int i = 0; i < LANES && i < k; i++) { // the padding zeros add nothing to a +0 start
                float lane = 0f;
                for (int j = i; j < k; j += LANES) {
                    lane += a[p + j];
                }
                acc0[i] += lane;
            }
        }

        /** Moves the partial sums of one whole chunk, already in acc1, into acc2 (at a chunk boundary). */
        void addChunk() {
            clock += LANES * 16;
            tick(clock, acc0, acc1, acc2, err, LANES);
        }

        float finish() {
            tick(0, acc0, acc1, acc2, err, LANES);
            for (int h = LANES / 2; h >= 1; h /= 2) {
                for (int i = 0; i < h; i++) {
                    acc2[i] += acc2[i + h];
                }
            }
            return 0f + acc2[0];
        }
    }

    /**
     * YNNPACK's sum_float_kn: the k rows of a row-major k x n block (row stride n) summed per
     * column, lane-wise. Rows go in groups of four, ((0 + r0) + r1) + r2) + r3, added into acc0;
     * acc0 moves into acc1 every 16 rows and acc1 is Kahan-added into acc2 every 256 rows.
     */
    public static void ynnSumKn(float[] a, int off, int k, int n, float[] out, int outOff) {
        if (k <= 4) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int r = 0; r < k; r++) {
                    s += a[off + r * n + j];
                }
                out[outOff + j] = 0f + s;
            }
            return;
        }
        float[] acc0 = new float[n];
        float[] acc1 = new float[n];
        float[] acc2 = new float[n];
        float[] err = new float[n];
        int p = off;
        int clock = 0;
        int rows = k;
        for (; rows >= 4; rows -= 4, p += 4 * n) {
            for (int j = 0; j < n; j++) {
                acc0[j] += (((0f + a[p + j]) + a[p + n + j]) + a[p + 2 * n + j]) + a[p + 3 * n + j];
            }
            clock += 4;
            tick(clock, acc0, acc1, acc2, err, n);
        }
        if (rows > 0) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int r = 0; r < rows; r++) {
                    s += a[p + r * n + j];
                }
                acc0[j] += s;
            }
        }
        tick(0, acc0, acc1, acc2, err, n);
        for (int j = 0; j < n; j++) {
            out[outOff + j] = 0f + acc2[j];
        }
    }

    /** YNNPACK's accumulator levels: acc0 into acc1 when clock % 16 == 0, acc1 Kahan-added into acc2 when clock % 256 == 0. */
    private static void tick(int clock, float[] acc0, float[] acc1, float[] acc2, float[] err, int lanes) {
        if ((clock & 15) != 0) {
            return;
        }
        for (int i = 0; i < lanes; i++) {
            acc1[i] += acc0[i];
            acc0[i] = 0f;
        }
        if ((clock & 255) != 0) {
            return;
        }
        for (int i = 0; i < lanes; i++) {
            float y = acc1[i] - err[i];
            float t = acc2[i] + y;
            float e = (t - acc2[i]) - y;
            err[i] = Float.isFinite(e) ? e : 0f;
            acc2[i] = t;
            acc1[i] = 0f;
        }
    }

    // ------------------------------------------------------------ scans

    /**
     * cumsum / cumprod of n elements a[off + i*stride] into out (same addressing), as XLA's
     * ReduceWindowRewriter lowers the scan: rows of 16 (the last padded with the identity), a
     * running sum within each row, then the exclusive scan of the row totals (computed by the
     * same rule, recursively) added to each row.
     */
    public static void scan(float[] a, int off, int stride, int n, float[] out, int outOff, int outStride, boolean product) {
        if (n <= SCAN_BASE) {
            float s = product ? 1f : 0f;
            for (int i = 0, p = off, q = outOff; i < n; i++, p += stride, q += outStride) {
                s = product ? s * a[p] : s + a[p];
                out[q] = s;
            }
            return;
        }
        int rows = (n + SCAN_BASE - 1) / SCAN_BASE;
        float[] totals = new float[rows];
        for (int r = 0; r < rows; r++) {
            int len = Math.min(SCAN_BASE, n - r * SCAN_BASE);
            int start = r * SCAN_BASE;
            scan(a, off + start * stride, stride, len, out, outOff + start * outStride, outStride, product);
            totals[r] = out[outOff + (start + len - 1) * outStride]; // padding adds nothing
        }
        float[] prefix = new float[rows];
        scan(totals, 0, 1, rows, prefix, 0, 1, product);
        for (int r = 1; r < rows; r++) { // row 0's exclusive prefix is the identity
            float before = prefix[r - 1];
            int end = Math.min(n, (r + 1) * SCAN_BASE);
            for (int i = r * SCAN_BASE, q = outOff + i * outStride; i < end; i++, q += outStride) {
                out[q] = product ? out[q] * before : out[q] + before;
            }
        }
    }
}
