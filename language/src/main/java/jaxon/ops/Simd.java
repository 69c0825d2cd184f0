package jaxon.ops;

/**
 * Kernels over runs of elements (elementwise float32 functions, rows of matrix products, threefry
 * rounds), in SIMD where the JDK's Vector API is present (module jdk.incubator.vector, which
 * bin/jaxon adds) and as plain loops otherwise. Both compute exactly what the scalar code
 * ({@link UnaryPrim#apply}, {@link BinaryPrim#apply}, {@link XlaMath}, {@link XlaMatmul},
 * {@link Threefry}) computes, bit for bit: the vector code repeats the same IEEE operations in the
 * same order (SimdTest checks it). The vector code runs as ordinary Java compiled by HotSpot's C2,
 * which turns Vector API calls into SIMD instructions; Graal CE, which compiles Truffle code,
 * does not, so callers reach these kernels through Truffle boundaries.
 */
public final class Simd {
    private Simd() {
    }

    /** Whether the Vector API is present (and not switched off with -Djaxon.simd=false). */
    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("jaxon.simd"));

    private static volatile boolean warm;
    private static final java.util.concurrent.atomic.AtomicBoolean warming = new java.util.concurrent.atomic.AtomicBoolean();
    /** What ended the warm-up, if it failed (the scalar code then stays in use; SimdTest reports it). */
    public static volatile Throwable warmUpFailure;

    /**
     * Whether the vector kernels are ready to use. Vector API code runs hundreds of times slower
     * than scalar code until C2 has compiled it, so the first call starts a background thread
     * that runs every kernel until C2 compiles it, and the kernels stand in for the scalar code
     * only from then on (2-4 s later on 2 cores).
     */
    public static boolean ready() {
        if (warm) {
            return true;
        }
        if (AVAILABLE && warming.compareAndSet(false, true)) {
            Thread warmUp = new Thread(() -> {
                try {
                    SimdKernels.warmUp();
                    warm = true;
                } catch (Throwable e) {
                    warmUpFailure = e;
                }
            }, "jaxon-simd-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        return false;
    }

    /** Work of this many elements starts the warm-up; smaller work only uses kernels already warm. */
    private static final int WARM_UP_TRIGGER = 4096;

    /** Whether a kernel call over n elements should take the vector code. */
    private static boolean use(int n) {
        return warm || (n >= WARM_UP_TRIGGER && ready());
    }

    /** out[o, o + n) = op(x[xi, xi + n)). */
    public static void unary(UnaryPrim op, float[] x, int xi, float[] out, int o, int n) {
        int done = use(n) ? SimdKernels.unary(op, x, xi, out, o, n) : 0;
        for (int i = done; i < n; i++) {
            out[o + i] = op.apply(x[xi + i]);
        }
    }

    /** out[o, o + n) = op(a[ai, ai + n), b[bi, bi + n)). */
    public static void binary(BinaryPrim op, float[] a, int ai, float[] b, int bi, float[] out, int o, int n) {
        int done = use(n) ? SimdKernels.binary(op, a, ai, b, bi, out, o, n) : 0;
        for (int i = done; i < n; i++) {
            out[o + i] = op.apply(a[ai + i], b[bi + i]);
        }
    }

    /** out[o, o + n) = a * b + c with one rounding, with c negated (a * b - c) when subtract is set. */
    public static void fma(float[] a, int ai, float[] b, int bi, float[] c, int ci, boolean subtract, float[] out, int o, int n) {
        int done = use(n) ? SimdKernels.fma(a, ai, b, bi, c, ci, subtract, out, o, n) : 0;
        for (int i = done; i < n; i++) {
            out[o + i] = Math.fma(a[ai + i], b[bi + i], subtract ? -c[ci + i] : c[ci + i]);
        }
    }

    /** out[o, o + n) = x ** power as {@link BinaryPrim#integerPow} computes it. */
    public static void integerPow(float[] x, int xi, long power, float[] out, int o, int n) {
        int done = use(n) ? SimdKernels.integerPow(x, xi, power, out, o, n) : 0;
        for (int i = done; i < n; i++) {
            out[o + i] = BinaryPrim.integerPow(x[xi + i], power);
        }
    }

    /** out[o, o + n) = where(comparison(left, right), then, otherwise), each operand from its own offset. */
    public static void select(BinaryPrim comparison, float[] left, int li, float[] right, int ri,
            float[] then, int ti, float[] otherwise, int ei, float[] out, int o, int n) {
        int done = use(n) ? SimdKernels.select(comparison, left, li, right, ri, then, ti, otherwise, ei, out, o, n) : 0;
        for (int i = done; i < n; i++) {
            out[o + i] = comparison.compare(left[li + i], right[ri + i]) ? then[ti + i] : otherwise[ei + i];
        }
    }

    /** out[o, o + n) = comparison(left[li, li + n), right[ri, ri + n)). */
    public static void compare(BinaryPrim comparison, float[] left, int li, float[] right, int ri, boolean[] out, int o, int n) {
        int done = use(n) ? SimdKernels.compare(comparison, left, li, right, ri, out, o, n) : 0;
        for (int i = done; i < n; i++) {
            out[o + i] = comparison.compare(left[li + i], right[ri + i]);
        }
    }

    /** l[lo, lo + n) = fma(a, b[bi, bi + n), l[lo, lo + n)): one product of a matrix row into an accumulator row. */
    public static void multiplyAdd(float a, float[] b, int bi, float[] l, int lo, int n) {
        int done = use(n) ? SimdKernels.multiplyAdd(a, b, bi, l, lo, n) : 0;
        for (int j = done; j < n; j++) {
            l[lo + j] = Math.fma(a, b[bi + j], l[lo + j]);
        }
    }

    /**
     * Four products in order into an accumulator row: l[lo + j] = fma(a3, b3[j], fma(a2, b2[j],
     * fma(a1, b1[j], fma(a0, b0[j], l[lo + j])))), row t of b starting at bi + t * bs.
     */
    public static void fourProducts(float a0, float a1, float a2, float a3, float[] b, int bi, int bs, float[] l, int lo, int n) {
        int done = use(n) ? SimdKernels.fourProducts(a0, a1, a2, a3, b, bi, bs, l, lo, n) : 0;
        int b1 = bi + bs;
        int b2 = b1 + bs;
        int b3 = b2 + bs;
        for (int j = done; j < n; j++) {
            float s = l[lo + j];
            s = Math.fma(a0, b[bi + j], s);
            s = Math.fma(a1, b[b1 + j], s);
            s = Math.fma(a2, b[b2 + j], s);
            s = Math.fma(a3, b[b3 + j], s);
            l[lo + j] = s;
        }
    }

    /**
     * Four dot products over [s0, s1) in four lanes each (XlaMatmul.segment4 for four rows at
     * once): x[xo + q] against rows r = 0..3 of y starting at yo + r * k, product q in lane
     * (q - s0) mod 4, the lanes added as (l0 + l1) + (l2 + l3) into parts[r]. Only once ready().
     */
    public static void segment4x4(float[] x, int xo, float[] y, int yo, int k, int s0, int s1, float[] parts) {
        SimdKernels.segment4x4(x, xo, y, yo, k, s0, s1, parts);
    }

    /** Counter pairs per {@link #threefry} call. */
    static int intLanes() {
        return SimdKernels.intLanes();
    }

    /**
     * Threefry.block for intLanes() counter pairs (x0 + l * x0Step, x1 + l): with xor the xor of
     * the two output words into out0 from at0, else the words into out0 from at0 and out1 from
     * at1. Only once ready().
     */
    static void threefry(int k0, int k1, int x0, int x0Step, int x1, boolean xor, int[] out0, int at0, int[] out1, int at1) {
        SimdKernels.threefry(k0, k1, x0, x0Step, x1, xor, out0, at0, out1, at1);
    }

    /** Columns of C per {@link #tile4} call: one vector. */
    static int panelWidth() {
        return SimdKernels.LANES;
    }

    /**
     * One four-lane kernel call of a matrix product over [s0, s1) for up to four rows of C (A row
     * r at a0 + r * k, C row r at c0 + r * n, r < rows) and one packed panel of B (row q of the
     * panel at panel + q * panelWidth()): lane (q - s0) mod 4 of each element takes product q, the
     * lanes are added as (l0 + l1) + (l2 + l3) and stored into C (first call) or added to what is
     * there. Only once ready().
     */
    static void tile4(float[] a, int a0, int k, int rows, float[] panel, int at, int s0, int s1, float[] c, int c0, int n, boolean first) {
        SimdKernels.tile4(a, a0, k, rows, panel, at, s0, s1, c, c0, n, first);
    }
}
