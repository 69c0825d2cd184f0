package jaxon.ops;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API side of {@link Simd}; loaded only when the module is present. Each kernel
 * handles the leading multiple of the vector length and returns how many elements it did (0 for
 * an operation it has no vector form of); Simd finishes the rest with the scalar code. The
 * function kernels follow {@link XlaMath} line by line.
 */
final class SimdKernels {
    private SimdKernels() {
    }

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int LANES = F.length();
    /** sinf and cosf compute in double: a full double vector and the float and int vectors of its lane count. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = FloatVector.SPECIES_PREFERRED.withShape(jdk.incubator.vector.VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** The quadrant n in 64-bit lanes: masks computed from it apply to double lanes without conversion. */
    private static final VectorSpecies<Long> LD = LongVector.SPECIES_PREFERRED.withShape(D.vectorShape());

    /**
     * Runs every kernel on every path until C2 has compiled it: a kernel called about a thousand
     * times over 256 elements passes C2's thresholds (Tier4 invocation and back-edge counts).
     * Arguments of 120 and more send some sin and cos vectors down the scalar path, so that the
     * compiled code has that path too rather than a trap back to the interpreter.
     */
    static void warmUp() {
        int n = 256;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] out = new float[n];
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i - n / 2) * (i % 64 == 0 ? 2f : 0.02f);
            y[i] = 1.5f - x[i];
        }
        UnaryPrim[] unary = {UnaryPrim.NEG, UnaryPrim.POSITIVE, UnaryPrim.ABS, UnaryPrim.SQUARE, UnaryPrim.SQRT, UnaryPrim.RECIPROCAL,
            UnaryPrim.EXP, UnaryPrim.LOG, UnaryPrim.TANH, UnaryPrim.LOGISTIC, UnaryPrim.SIN, UnaryPrim.COS};
        BinaryPrim[] binary = {BinaryPrim.ADD, BinaryPrim.SUB, BinaryPrim.MUL, BinaryPrim.DIV, BinaryPrim.MAX, BinaryPrim.MIN};
        BinaryPrim[] comparisons = {BinaryPrim.EQ, BinaryPrim.NE, BinaryPrim.LT, BinaryPrim.LE, BinaryPrim.GT, BinaryPrim.GE};
        for (int round = 0; round < 1200; round++) {
            for (UnaryPrim op : unary) {
                unary(op, x, 0, out, 0, n);
            }
            for (BinaryPrim op : binary) {
                binary(op, x, 0, y, 0, out, 0, n);
            }
            for (BinaryPrim op : comparisons) {
                select(op, x, 0, y, 0, x, 0, y, 0, out, 0, n);
            }
            fma(x, 0, y, 0, x, 0, (round & 1) == 0, out, 0, n);
            multiplyAdd(x[round % n], y, 0, out, 0, n);
            fourProducts(x[0], x[1], x[2], x[3], x, 0, n / 4, out, 0, n / 4);
            segment4x4(x, 0, y, 0, n / 4, round % 8, n / 4 - round % 3, out);
            tile4(x, 0, 64, 1 + round % 4, y, 0, round % 4, n / LANES - 1 - round % 3, out, 0, LANES, (round & 2) == 0);
            integerPow(x, 0, 2 + round % 3 - (round % 5 == 0 ? 4 : 0), out, 0, n);
            for (int i = 0; i + 2 * I.length() <= n; i += 2 * I.length()) {
                threefry(round, i, i, round & 1, 7 * i, (round & 1) == 0, words, i, words, i + I.length());
            }
        }
    }

    static int unary(UnaryPrim op, float[] x, int xi, float[] out, int o, int n) {
        int bound = n - n % LANES;
        // A loop of its own per function: C2 keeps vectors in registers only where every Vector
        // API call inlines into the loop, and one method holding every loop grows past what C2
        // compiles.
        switch (op) {
            case NEG -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, x, xi + i).neg().intoArray(out, o + i);
                }
            }
            case POSITIVE -> System.arraycopy(x, xi, out, o, bound);
            case ABS -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, x, xi + i).abs().intoArray(out, o + i);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector v = FloatVector.fromArray(F, x, xi + i);
                    v.mul(v).intoArray(out, o + i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, x, xi + i).sqrt().intoArray(out, o + i);
                }
            }
            case RECIPROCAL -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector v = FloatVector.fromArray(F, x, xi + i);
                    v.broadcast(1f).div(v).intoArray(out, o + i);
                }
            }
            case EXP -> expRun(x, xi, out, o, bound);
            case LOG -> logRun(x, xi, out, o, bound);
            case TANH -> tanhRun(x, xi, out, o, bound);
            case LOGISTIC -> logisticRun(x, xi, out, o, bound);
            case SIN, COS -> {
                int dBound = n - n % FD.length();
                sincosRun(x, xi, op == UnaryPrim.COS, out, o, dBound);
                return dBound;
            }
            default -> {
                return 0;
            }
        }
        return bound;
    }

    private static void expRun(float[] x, int xi, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            exp(FloatVector.fromArray(F, x, xi + i)).intoArray(out, o + i);
        }
    }

    private static void logRun(float[] x, int xi, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            log(FloatVector.fromArray(F, x, xi + i)).intoArray(out, o + i);
        }
    }

    private static void tanhRun(float[] x, int xi, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            tanh(FloatVector.fromArray(F, x, xi + i)).intoArray(out, o + i);
        }
    }

    /** Simd.compare: the elements done (a multiple of LANES), the rest left to scalar code. */
    static int compare(BinaryPrim comparison, float[] left, int li, float[] right, int ri, boolean[] out, int o, int n) {
        int bound = n - n % LANES;
        switch (comparison) { // a loop per comparison, for constant operators (see binary)
            case EQ -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, left, li + i).compare(VectorOperators.EQ, FloatVector.fromArray(F, right, ri + i)).intoArray(out, o + i);
                }
            }
            case NE -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, left, li + i).compare(VectorOperators.NE, FloatVector.fromArray(F, right, ri + i)).intoArray(out, o + i);
                }
            }
            case LT -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, left, li + i).compare(VectorOperators.LT, FloatVector.fromArray(F, right, ri + i)).intoArray(out, o + i);
                }
            }
            case LE -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, left, li + i).compare(VectorOperators.LE, FloatVector.fromArray(F, right, ri + i)).intoArray(out, o + i);
                }
            }
            case GT -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, left, li + i).compare(VectorOperators.GT, FloatVector.fromArray(F, right, ri + i)).intoArray(out, o + i);
                }
            }
            case GE -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, left, li + i).compare(VectorOperators.GE, FloatVector.fromArray(F, right, ri + i)).intoArray(out, o + i);
                }
            }
            default -> throw new IllegalArgumentException(comparison.name());
        }
        return bound;
    }

    /**
     * XlaMath.sigmoid: 1 / (1 + exp(-x)), in three passes over out, since exp inlines into a
     * loop of its own but not into a larger one.
     */
    private static void logisticRun(float[] x, int xi, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(F, x, xi + i).neg().intoArray(out, o + i);
        }
        expRun(out, o, out, o, bound);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector e = FloatVector.fromArray(F, out, o + i);
            ftz(e.broadcast(1f).div(ftz(e.add(1f)))).intoArray(out, o + i);
        }
    }

    private static void sincosRun(float[] x, int xi, boolean cosine, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += FD.length()) {
            sincos(x, xi + i, cosine, out, o + i);
        }
    }

    static int binary(BinaryPrim op, float[] a, int ai, float[] b, int bi, float[] out, int o, int n) {
        int bound = n - n % LANES;
        // A loop per operator: the Vector API compiles to single instructions only where the
        // operator is a constant in the compiled loop, which a parameter is not.
        switch (op) {
            case ADD -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, a, ai + i).add(FloatVector.fromArray(F, b, bi + i)).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, a, ai + i).sub(FloatVector.fromArray(F, b, bi + i)).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, a, ai + i).mul(FloatVector.fromArray(F, b, bi + i)).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, a, ai + i).div(FloatVector.fromArray(F, b, bi + i)).intoArray(out, o + i);
                }
            }
            case MAX -> { // NaN from either side, as Math.max
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, a, ai + i).max(FloatVector.fromArray(F, b, bi + i)).intoArray(out, o + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < bound; i += LANES) {
                    FloatVector.fromArray(F, a, ai + i).min(FloatVector.fromArray(F, b, bi + i)).intoArray(out, o + i);
                }
            }
            default -> {
                return 0;
            }
        }
        return bound;
    }

    static int fma(float[] a, int ai, float[] b, int bi, float[] c, int ci, boolean subtract, float[] out, int o, int n) {
        int bound = n - n % LANES;
        for (int i = 0; i < bound; i += LANES) {
            FloatVector addend = FloatVector.fromArray(F, c, ci + i);
            FloatVector.fromArray(F, a, ai + i).fma(FloatVector.fromArray(F, b, bi + i), subtract ? addend.neg() : addend).intoArray(out, o + i);
        }
        return bound;
    }

    static int integerPow(float[] x, int xi, long power, float[] out, int o, int n) {
        int bound = n - n % LANES;
        long m = Math.abs(power);
        // BinaryPrim.integerPow's square-and-multiply, its choices made by blends with masks of
        // all or no lanes: a vector chosen by a Java conditional would be boxed.
        for (int i = 0; i < bound; i += LANES) {
            FloatVector base = FloatVector.fromArray(F, x, xi + i);
            FloatVector acc = base.broadcast(1f); // x ** 0
            boolean first = true;
            for (long k = m; k > 0; k >>= 1) {
                boolean bit = (k & 1) == 1;
                FloatVector product = acc.mul(base);
                acc = acc.blend(base, F.maskAll(bit && first)).blend(product, F.maskAll(bit && !first));
                first &= !bit;
                base = base.blend(base.mul(base), F.maskAll(k > 1));
            }
            acc.blend(acc.broadcast(1f).div(acc), F.maskAll(power < 0)).intoArray(out, o + i);
        }
        return bound;
    }

    static int select(BinaryPrim comparison, float[] left, int li, float[] right, int ri,
            float[] then, int ti, float[] otherwise, int ei, float[] out, int o, int n) {
        int bound = n - n % LANES;
        switch (comparison) { // a loop per comparison, for constant operators (see binary)
            case EQ -> {
                for (int i = 0; i < bound; i += LANES) {
                    VectorMask<Float> m = FloatVector.fromArray(F, left, li + i).compare(VectorOperators.EQ, FloatVector.fromArray(F, right, ri + i));
                    FloatVector.fromArray(F, otherwise, ei + i).blend(FloatVector.fromArray(F, then, ti + i), m).intoArray(out, o + i);
                }
            }
            case NE -> {
                for (int i = 0; i < bound; i += LANES) {
                    VectorMask<Float> m = FloatVector.fromArray(F, left, li + i).compare(VectorOperators.NE, FloatVector.fromArray(F, right, ri + i));
                    FloatVector.fromArray(F, otherwise, ei + i).blend(FloatVector.fromArray(F, then, ti + i), m).intoArray(out, o + i);
                }
            }
            case LT -> {
                for (int i = 0; i < bound; i += LANES) {
                    VectorMask<Float> m = FloatVector.fromArray(F, left, li + i).compare(VectorOperators.LT, FloatVector.fromArray(F, right, ri + i));
                    FloatVector.fromArray(F, otherwise, ei + i).blend(FloatVector.fromArray(F, then, ti + i), m).intoArray(out, o + i);
                }
            }
            case LE -> {
                for (int i = 0; i < bound; i += LANES) {
                    VectorMask<Float> m = FloatVector.fromArray(F, left, li + i).compare(VectorOperators.LE, FloatVector.fromArray(F, right, ri + i));
                    FloatVector.fromArray(F, otherwise, ei + i).blend(FloatVector.fromArray(F, then, ti + i), m).intoArray(out, o + i);
                }
            }
            case GT -> {
                for (int i = 0; i < bound; i += LANES) {
                    VectorMask<Float> m = FloatVector.fromArray(F, left, li + i).compare(VectorOperators.GT, FloatVector.fromArray(F, right, ri + i));
                    FloatVector.fromArray(F, otherwise, ei + i).blend(FloatVector.fromArray(F, then, ti + i), m).intoArray(out, o + i);
                }
            }
            case GE -> {
                for (int i = 0; i < bound; i += LANES) {
                    VectorMask<Float> m = FloatVector.fromArray(F, left, li + i).compare(VectorOperators.GE, FloatVector.fromArray(F, right, ri + i));
                    FloatVector.fromArray(F, otherwise, ei + i).blend(FloatVector.fromArray(F, then, ti + i), m).intoArray(out, o + i);
                }
            }
            default -> throw new IllegalArgumentException(comparison.name());
        }
        return bound;
    }

    static int multiplyAdd(float a, float[] b, int bi, float[] l, int lo, int n) {
        int bound = n - n % LANES;
        FloatVector av = FloatVector.broadcast(F, a);
        for (int j = 0; j < bound; j += LANES) {
            av.fma(FloatVector.fromArray(F, b, bi + j), FloatVector.fromArray(F, l, lo + j)).intoArray(l, lo + j);
        }
        return bound;
    }

    static int fourProducts(float a0, float a1, float a2, float a3, float[] b, int bi, int bs, float[] l, int lo, int n) {
        int bound = n - n % LANES;
        FloatVector v0 = FloatVector.broadcast(F, a0);
        FloatVector v1 = FloatVector.broadcast(F, a1);
        FloatVector v2 = FloatVector.broadcast(F, a2);
        FloatVector v3 = FloatVector.broadcast(F, a3);
        int b1 = bi + bs;
        int b2 = b1 + bs;
        int b3 = b2 + bs;
        for (int j = 0; j < bound; j += LANES) {
            FloatVector s = FloatVector.fromArray(F, l, lo + j);
            s = v0.fma(FloatVector.fromArray(F, b, bi + j), s);
            s = v1.fma(FloatVector.fromArray(F, b, b1 + j), s);
            s = v2.fma(FloatVector.fromArray(F, b, b2 + j), s);
            s = v3.fma(FloatVector.fromArray(F, b, b3 + j), s);
            s.intoArray(l, lo + j);
        }
        return bound;
    }

    /**
     * Simd.tile4: sixteen accumulators (rows 0..3 by lanes 0..3) over a packed panel of B, one
     * vector load and four broadcasts per product step. Row r reads A at a0 + min(r, rows - 1) *
     * k and is stored at c0 + r * n while r < rows. The tail (s1 - s0 not a multiple of 4) is
     * masked rather than branched, as a vector merged from two paths is boxed.
     */
    static void tile4(float[] a, int a0, int k, int rows, float[] panel, int at, int s0, int s1, float[] c, int c0, int n, boolean first) {
        int a1 = a0 + Math.min(1, rows - 1) * k;
        int a2 = a0 + Math.min(2, rows - 1) * k;
        int a3 = a0 + Math.min(3, rows - 1) * k;
        FloatVector w0 = FloatVector.zero(F);
        FloatVector w1 = w0;
        FloatVector w2 = w0;
        FloatVector w3 = w0;
        FloatVector x0 = w0;
        FloatVector x1 = w0;
        FloatVector x2 = w0;
        FloatVector x3 = w0;
        FloatVector y0 = w0;
        FloatVector y1 = w0;
        FloatVector y2 = w0;
        FloatVector y3 = w0;
        FloatVector z0 = w0;
        FloatVector z1 = w0;
        FloatVector z2 = w0;
        FloatVector z3 = w0;
        int q = s0;
        for (; q + 4 <= s1; q += 4) {
            int r = at + q * LANES;
            FloatVector b = FloatVector.fromArray(F, panel, r);
            w0 = FloatVector.broadcast(F, a[a0 + q]).fma(b, w0);
            x0 = FloatVector.broadcast(F, a[a1 + q]).fma(b, x0);
            y0 = FloatVector.broadcast(F, a[a2 + q]).fma(b, y0);
            z0 = FloatVector.broadcast(F, a[a3 + q]).fma(b, z0);
            b = FloatVector.fromArray(F, panel, r + LANES);
            w1 = FloatVector.broadcast(F, a[a0 + q + 1]).fma(b, w1);
            x1 = FloatVector.broadcast(F, a[a1 + q + 1]).fma(b, x1);
            y1 = FloatVector.broadcast(F, a[a2 + q + 1]).fma(b, y1);
            z1 = FloatVector.broadcast(F, a[a3 + q + 1]).fma(b, z1);
            b = FloatVector.fromArray(F, panel, r + 2 * LANES);
            w2 = FloatVector.broadcast(F, a[a0 + q + 2]).fma(b, w2);
            x2 = FloatVector.broadcast(F, a[a1 + q + 2]).fma(b, x2);
            y2 = FloatVector.broadcast(F, a[a2 + q + 2]).fma(b, y2);
            z2 = FloatVector.broadcast(F, a[a3 + q + 2]).fma(b, z2);
            b = FloatVector.fromArray(F, panel, r + 3 * LANES);
            w3 = FloatVector.broadcast(F, a[a0 + q + 3]).fma(b, w3);
            x3 = FloatVector.broadcast(F, a[a1 + q + 3]).fma(b, x3);
            y3 = FloatVector.broadcast(F, a[a2 + q + 3]).fma(b, y3);
            z3 = FloatVector.broadcast(F, a[a3 + q + 3]).fma(b, z3);
        }
        for (int t = 0; t < 3; t++) { // product q + t into lane t while q + t < s1
            VectorMask<Float> on = F.maskAll(q + t < s1);
            int qt = Math.min(q + t, s1 - 1);
            FloatVector b = FloatVector.fromArray(F, panel, at + qt * LANES);
            FloatVector u = FloatVector.broadcast(F, a[a0 + qt]);
            FloatVector v = FloatVector.broadcast(F, a[a1 + qt]);
            FloatVector g = FloatVector.broadcast(F, a[a2 + qt]);
            FloatVector h = FloatVector.broadcast(F, a[a3 + qt]);
            VectorMask<Float> lane0 = on.and(F.maskAll(t == 0));
            VectorMask<Float> lane1 = on.and(F.maskAll(t == 1));
            VectorMask<Float> lane2 = on.and(F.maskAll(t == 2));
            w0 = w0.blend(u.fma(b, w0), lane0);
            x0 = x0.blend(v.fma(b, x0), lane0);
            y0 = y0.blend(g.fma(b, y0), lane0);
            z0 = z0.blend(h.fma(b, z0), lane0);
            w1 = w1.blend(u.fma(b, w1), lane1);
            x1 = x1.blend(v.fma(b, x1), lane1);
            y1 = y1.blend(g.fma(b, y1), lane1);
            z1 = z1.blend(h.fma(b, z1), lane1);
            w2 = w2.blend(u.fma(b, w2), lane2);
            x2 = x2.blend(v.fma(b, x2), lane2);
            y2 = y2.blend(g.fma(b, y2), lane2);
            z2 = z2.blend(h.fma(b, z2), lane2);
        }
        VectorMask<Float> add = F.maskAll(!first);
        FloatVector row = w0.add(w1).add(w2.add(w3));
        row.blend(row.add(FloatVector.fromArray(F, c, c0, add)), add).intoArray(c, c0);
        if (rows > 1) {
            row = x0.add(x1).add(x2.add(x3));
            row.blend(row.add(FloatVector.fromArray(F, c, c0 + n, add)), add).intoArray(c, c0 + n);
        }
        if (rows > 2) {
            row = y0.add(y1).add(y2.add(y3));
            row.blend(row.add(FloatVector.fromArray(F, c, c0 + 2 * n, add)), add).intoArray(c, c0 + 2 * n);
        }
        if (rows > 3) {
            row = z0.add(z1).add(z2.add(z3));
            row.blend(row.add(FloatVector.fromArray(F, c, c0 + 3 * n, add)), add).intoArray(c, c0 + 3 * n);
        }
    }

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    /**
     * Threefry.block over I.length() counter pairs at once: lane l encrypts (x0 + l * x0Step,
     * x1 + l) under (k0, k1). With xor the words' xor goes to out0[at0 + l] (the partitionable
     * layout, x0Step 0), else y0 to out0[at0 + l] and y1 to out1[at1 + l] (x0Step 1).
     */
    static void threefry(int k0, int k1, int x0, int x0Step, int x1, boolean xor, int[] out0, int at0, int[] out1, int at1) {
        int k2 = k0 ^ k1 ^ 0x1BD11BDA;
        IntVector iota = IntVector.zero(I).addIndex(1);
        IntVector a = iota.mul(x0Step).add(x0 + k0);
        IntVector b = iota.add(x1 + k1);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 13).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 15).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 26).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 6).lanewise(VectorOperators.XOR, a);
        a = a.add(k1); b = b.add(k2 + 1);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 17).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 29).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 16).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, a);
        a = a.add(k2); b = b.add(k0 + 2);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 13).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 15).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 26).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 6).lanewise(VectorOperators.XOR, a);
        a = a.add(k0); b = b.add(k1 + 3);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 17).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 29).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 16).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, a);
        a = a.add(k1); b = b.add(k2 + 4);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 13).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 15).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 26).lanewise(VectorOperators.XOR, a);
        a = a.add(b); b = b.lanewise(VectorOperators.ROL, 6).lanewise(VectorOperators.XOR, a);
        a = a.add(k2); b = b.add(k0 + 5);
        if (xor) {
            a.lanewise(VectorOperators.XOR, b).intoArray(out0, at0);
        } else {
            a.intoArray(out0, at0);
            b.intoArray(out1, at1);
        }
    }

    static int intLanes() {
        return I.length();
    }

    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;

    /**
     * XlaMatmul.segment4 for four dot products at once: x[xo + q] times rows r = 0..3 of y (row r
     * at yo + r * k) over [s0, s1), product q in lane (q - s0) mod 4, each row's lanes one 4-lane
     * vector, added as (l0 + l1) + (l2 + l3) into parts[0..3]. Four independent chains keep the FMA
     * unit busy where one dot would wait on its own latency.
     */
    static void segment4x4(float[] x, int xo, float[] y, int yo, int k, int s0, int s1, float[] parts) {
        FloatVector l0 = FloatVector.zero(F4);
        FloatVector l1 = l0;
        FloatVector l2 = l0;
        FloatVector l3 = l0;
        int y1 = yo + k;
        int y2 = y1 + k;
        int y3 = y2 + k;
        int q = s0;
        for (; q + 4 <= s1; q += 4) {
            FloatVector xv = FloatVector.fromArray(F4, x, xo + q);
            l0 = xv.fma(FloatVector.fromArray(F4, y, yo + q), l0);
            l1 = xv.fma(FloatVector.fromArray(F4, y, y1 + q), l1);
            l2 = xv.fma(FloatVector.fromArray(F4, y, y2 + q), l2);
            l3 = xv.fma(FloatVector.fromArray(F4, y, y3 + q), l3);
        }
        // The first s1 - q (< 4) lanes take one more product; the others keep their value
        // exactly. Masked rather than branched: a vector merged from two paths is boxed.
        VectorMask<Float> m = F4.indexInRange(0, s1 - q);
        FloatVector xv = FloatVector.fromArray(F4, x, xo + q, m);
        l0 = l0.blend(xv.fma(FloatVector.fromArray(F4, y, yo + q, m), l0), m);
        l1 = l1.blend(xv.fma(FloatVector.fromArray(F4, y, y1 + q, m), l1), m);
        l2 = l2.blend(xv.fma(FloatVector.fromArray(F4, y, y2 + q, m), l2), m);
        l3 = l3.blend(xv.fma(FloatVector.fromArray(F4, y, y3 + q, m), l3), m);
        parts[0] = (l0.lane(0) + l0.lane(1)) + (l0.lane(2) + l0.lane(3));
        parts[1] = (l1.lane(0) + l1.lane(1)) + (l1.lane(2) + l1.lane(3));
        parts[2] = (l2.lane(0) + l2.lane(1)) + (l2.lane(2) + l2.lane(3));
        parts[3] = (l3.lane(0) + l3.lane(1)) + (l3.lane(2) + l3.lane(3));
    }

    // ------------------------------------------------------------------ XlaMath in lanes

    /** Flush-to-zero: subnormal lanes become zero of their sign (XlaMath.ftz). */
    private static FloatVector ftz(FloatVector v) {
        FloatVector signedZero = v.reinterpretAsInts().and(0x80000000).reinterpretAsFloats();
        return v.blend(signedZero, v.abs().lt(Float.MIN_NORMAL));
    }

    /** The largest integer not above t, for |t| < 2^23 (truncation, then one down where it rounded up). */
    private static FloatVector floor(FloatVector t) {
        FloatVector k = t.convert(VectorOperators.F2I, 0).convert(VectorOperators.I2F, 0).reinterpretAsFloats();
        return k.sub(1f, t.lt(k));
    }

    private static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(XlaMath.EXP_LO).min(XlaMath.EXP_HI);
        FloatVector t = xc.fma(XlaMath.LOG2E, 0.5f);
        FloatVector n = floor(t).min(127f);
        FloatVector a = n.fma(xc.broadcast(-XlaMath.LN2_HI), xc);
        a = n.fma(a.broadcast(XlaMath.LN2_LO), a);
        FloatVector z = a.broadcast((float) 1.9875691500E-4);
        z = z.fma(a, a.broadcast((float) 1.3981999507E-3));
        z = z.fma(a, a.broadcast((float) 8.3334519073E-3));
        z = z.fma(a, a.broadcast((float) 4.1665795894E-2));
        z = z.fma(a, a.broadcast((float) 1.6666665459E-1));
        z = z.fma(a, a.broadcast((float) 5.0000001201E-1));
        z = z.fma(a.mul(a), a);
        z = z.add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector r = z.mul(bits.reinterpretAsFloats());
        r = r.blend(0f, r.lt(Float.MIN_NORMAL)); // flush: r is never negative
        return r.blend(x, x.test(VectorOperators.IS_NAN));
    }

    private static FloatVector log(FloatVector v) {
        FloatVector fv = ftz(v);
        IntVector i = fv.reinterpretAsInts();
        FloatVector e = ((IntVector) i.lanewise(VectorOperators.ASHR, 23).sub(127)).convert(VectorOperators.I2F, 0).reinterpretAsFloats().add(1f);
        FloatVector x = i.and(~0x7f800000).or(0x3f000000).reinterpretAsFloats();
        VectorMask<Float> below = x.lt(XlaMath.SQRT_HALF);
        FloatVector tmp = x.broadcast(0f).blend(x, below);
        x = x.sub(1f);
        e = e.sub(1f, below);
        x = x.add(tmp);
        FloatVector r = e.fma(x.broadcast(XlaMath.LN2_HI), logMantissa(x, e));
        // The special cases, in the reverse order of XlaMath.log's early returns.
        r = r.blend(v, v.eq(Float.POSITIVE_INFINITY));
        r = r.blend(Float.NaN, fv.lt(0f));
        r = r.blend(Float.NEGATIVE_INFINITY, fv.eq(0f));
        return r.blend(v, v.test(VectorOperators.IS_NAN));
    }

    /**
     * log's polynomial in the reduced mantissa x, with the low part of e * ln 2: a method of its
     * own so that log stays under the bytecode size C2 inlines (FreqInlineSize); a vector passed
     * to a call that is not inlined is boxed, which costs more than the SIMD saves.
     */
    private static FloatVector logMantissa(FloatVector x, FloatVector e) {
        FloatVector x2 = x.mul(x);
        FloatVector x3 = x2.mul(x);
        FloatVector y = x.fma((float) 7.0376836292E-2, (float) -1.1514610310E-1);
        FloatVector y1 = x.fma((float) -1.2420140846E-1, (float) 1.4249322787E-1);
        FloatVector y2 = x.fma((float) 2.0000714765E-1, (float) -2.4999993993E-1);
        y = y.fma(x, x.broadcast((float) 1.1676998740E-1));
        y1 = y1.fma(x, x.broadcast((float) -1.6668057665E-1));
        y2 = y2.fma(x, x.broadcast((float) 3.3333331174E-1));
        y = y.fma(x3, y1);
        y = y.fma(x3, y2);
        y = y.fma(x3, e.mul(-XlaMath.LN2_LO));
        return x2.fma(x.broadcast(-0.5f), x).add(y);
    }

    private static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector xc = x.max(-XlaMath.TANH_CLAMP).min(XlaMath.TANH_CLAMP);
        FloatVector x2 = xc.mul(xc);
        FloatVector p = x2.broadcast((float) -2.76076847742355e-16);
        p = p.fma(x2, x2.broadcast((float) 2.00018790482477e-13));
        p = p.fma(x2, x2.broadcast((float) -8.60467152213735e-11));
        p = p.fma(x2, x2.broadcast((float) 5.12229709037114e-08));
        p = p.fma(x2, x2.broadcast((float) 1.48572235717979e-05));
        p = p.fma(x2, x2.broadcast((float) 6.37261928875436e-04));
        p = p.fma(x2, x2.broadcast((float) 4.89352455891786e-03));
        FloatVector q = x2.broadcast((float) 1.19825839466702e-06);
        q = q.fma(x2, x2.broadcast((float) 1.18534705686654e-04));
        q = q.fma(x2, x2.broadcast((float) 2.26843463243900e-03));
        q = q.fma(x2, x2.broadcast((float) 4.89352518554385e-03));
        FloatVector r = xc.mul(p).div(q);
        FloatVector one = x.broadcast(1f);
        r = r.blend(one.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats(), ax.compare(VectorOperators.GE, 20f));
        return r.blend(x, ax.lt(0.0004f));
    }

    /**
     * glibc's sinf or cosf (XlaMath.sinf, cosf) of FD.length() elements: the one-step reduction by
     * the nearest multiple of pi/2 and the double polynomials, in lanes (below pi/4 that reduction
     * gives n = 0 and leaves x unchanged, as glibc's first branch). A vector with a lane of 120 or
     * more, infinite or NaN is left to the scalar code, which has the large-argument reduction.
     */
    private static void sincos(float[] in, int from, boolean cosine, float[] out, int to) {
        FloatVector y = FloatVector.fromArray(FD, in, from);
        IntVector top = y.reinterpretAsInts().lanewise(VectorOperators.LSHR, 20).and(0x7ff);
        if (top.compare(VectorOperators.GE, XlaMath.TOP12_120).anyTrue()) {
            for (int l = 0; l < FD.length(); l++) {
                out[to + l] = cosine ? XlaMath.cosf(in[from + l]) : XlaMath.sinf(in[from + l]);
            }
            return;
        }
        DoubleVector x = (DoubleVector) y.convertShape(VectorOperators.F2D, D, 0);
        LongVector n = ((LongVector) x.mul(XlaMath.HPI_INV_2P24).convertShape(VectorOperators.D2L, LD, 0)).add(0x800000).lanewise(VectorOperators.ASHR, 24);
        x = ((DoubleVector) n.convertShape(VectorOperators.L2D, D, 0)).neg().fma(DoubleVector.broadcast(D, XlaMath.HPI), x);
        DoubleVector x2 = x.mul(x);
        x = x.lanewise(VectorOperators.NEG, n.add(1).and(2).compare(VectorOperators.NE, 0).cast(D));
        // sine polynomial
        DoubleVector x3 = x.mul(x2);
        DoubleVector s1 = x2.fma(DoubleVector.broadcast(D, XlaMath.SC_S3), DoubleVector.broadcast(D, XlaMath.SC_S2));
        DoubleVector x7 = x3.mul(x2);
        DoubleVector sine = x7.fma(s1, x3.fma(DoubleVector.broadcast(D, XlaMath.SC_S1), x));
        // cosine polynomial, negated where glibc takes its negated table
        DoubleVector sg = DoubleVector.broadcast(D, 1.0).lanewise(VectorOperators.NEG, n.and(2).compare(VectorOperators.NE, 0).cast(D));
        DoubleVector x4 = x2.mul(x2);
        DoubleVector c2 = x2.fma(sg.mul(XlaMath.SC_C4), sg.mul(XlaMath.SC_C3));
        DoubleVector c1 = x2.fma(sg.mul(XlaMath.SC_C1), sg);
        DoubleVector x6 = x4.mul(x2);
        DoubleVector cos = x6.fma(c2, x4.fma(sg.mul(XlaMath.SC_C2), c1));
        // cosf is sinf a quadrant on: the other polynomial where n is even. (No vector here is
        // chosen by a Java conditional: C2 would box a vector merged from two paths.)
        DoubleVector r = sine.blend(cos, n.add(cosine ? 1 : 0).and(1).compare(VectorOperators.NE, 0).cast(D));
        FloatVector f = (FloatVector) r.convertShape(VectorOperators.D2F, FD, 0);
        FloatVector tiny = y.blend(1f, FD.maskAll(cosine)); // sinf(x) = x, cosf(x) = 1
        f = f.blend(tiny, top.compare(VectorOperators.LT, XlaMath.TOP12_TINY).cast(FD));
        f.intoArray(out, to);
    }
}
