package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PList;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/**
 * How elementwise primitives loop: operand conversion, JAX promotion, NumPy broadcasting, result
 * allocation. What to compute per element lives in {@link UnaryPrim} and {@link BinaryPrim}.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** An operand of a jnp function: arrays and Python scalars; lists are rejected as JAX does. */
    public static NDArray operand(String function, Object v, int position) {
        if (v instanceof NDArray a) {
            return a;
        }
        if (v instanceof PList || v instanceof PTuple) {
            throw Errors.typeError(function + " requires ndarray or scalar arguments, got <class '" + PyObjects.typeName(v)
                    + "'> at position " + position + ".");
        }
        return Convert.asArray(v);
    }

    @TruffleBoundary
    public static NDArray unary(UnaryPrim op, Object x) {
        NDArray a = operand(op.jnpName, x, 0);
        DType out = op.resultType(a.dtype);
        int n = a.size();
        if (op.result == UnaryPrim.Result.BOOL) {
            boolean[] r = new boolean[n];
            if (op == UnaryPrim.LOGICAL_NOT) {
                for (int i = 0; i < n; i++) {
                    r[i] = !a.getBoolean(i);
                }
            } else if (a.dtype == DType.FLOAT32) {
                float[] f = a.floats();
                for (int i = 0; i < n; i++) {
                    r[i] = op.test(f[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    r[i] = op.test(0f); // integers are never nan or inf
                }
            }
            return new NDArray(DType.BOOL, a.shape, r);
        }
        if (out == DType.FLOAT32) {
            float[] f = Convert.cast(a, DType.FLOAT32).floats();
            float[] r = new float[n];
            Parallel.forChunks(n, (from, to) -> Simd.unary(op, f, from, r, from, to - from));
            return new NDArray(DType.FLOAT32, a.shape, r, a.weakType);
        }
        if (out == DType.BOOL) { // ~ on bools
            boolean[] b = a.bools();
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                r[i] = !b[i];
            }
            return new NDArray(DType.BOOL, a.shape, r);
        }
        int[] v = Convert.cast(a, out).ints();
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = op.applyInt(v[i]);
        }
        return new NDArray(out, a.shape, r, a.weakType);
    }

    @TruffleBoundary
    public static NDArray binary(BinaryPrim op, Object x, Object y) {
        if (op == BinaryPrim.POW && y instanceof Long n && x instanceof NDArray base && base.dtype == DType.FLOAT32) {
            return integerPow(base, n);
        }
        NDArray a = operand(op.jnpName, x, 0);
        NDArray b = operand(op.jnpName, y, 1);
        Promotion.Type t = Promotion.result(a, b);
        int[] shape = broadcastShapes(op.laxName, a.shape, b.shape);
        DType compute = op.computeType(t.dtype());
        if (op.result == BinaryPrim.Result.BITWISE && compute == DType.FLOAT32) {
            throw Errors.typeError(op.jnpName + " is only defined for integer and boolean types; got float32");
        }
        boolean weak = t.weak() && op.result != BinaryPrim.Result.COMPARE && op.result != BinaryPrim.Result.LOGICAL;
        if (op == BinaryPrim.DIV && compute == DType.FLOAT32 && divisorIsBroadcast(b.shape, shape)) {
            return binary(BinaryPrim.MUL, a, reciprocal(b), shape, compute, weak);
        }
        return binary(op, a, b, shape, compute, weak);
    }

    /** x ** n for a Python int n: JAX's integer_pow, a chain of float32 multiplications (x ** 3 is x * (x * x)). */
    private static NDArray integerPow(NDArray x, long n) {
        float[] f = x.floats();
        float[] r = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            r[i] = BinaryPrim.integerPow(f[i], n);
        }
        return new NDArray(DType.FLOAT32, x.shape, r, x.weakType);
    }

    /**
     * XLA rewrites a division by a broadcast divisor (a scalar, a row, a column) into a
     * multiplication by the broadcast float32 reciprocal, so x / 10 is x * (1/10f): 9 / 10 gives
     * 0.90000004, not 0.9. JAX prints those values; so does Jaxon. Equal shapes divide.
     */
    static boolean divisorIsBroadcast(int[] divisor, int[] out) {
        return !java.util.Arrays.equals(divisor, out);
    }

    private static NDArray reciprocal(NDArray b) {
        float[] f = Convert.cast(b, DType.FLOAT32).floats();
        float[] r = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            r[i] = 1f / f[i];
        }
        return new NDArray(DType.FLOAT32, b.shape, r, b.weakType);
    }

    private static NDArray binary(BinaryPrim op, NDArray a, NDArray b, int[] shape, DType compute, boolean weak) {
        Broadcast bc = new Broadcast(a.shape, b.shape, shape);
        int n = Shapes.size(shape);
        if (op.result == BinaryPrim.Result.LOGICAL) {
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                r[i] = op.logical(a.getBoolean(bc.a(i)), b.getBoolean(bc.b(i)));
            }
            return new NDArray(DType.BOOL, shape, r);
        }
        if (op.result == BinaryPrim.Result.COMPARE) {
            NDArray ca = Convert.cast(a, compute);
            NDArray cb = Convert.cast(b, compute);
            if (compute == DType.FLOAT32 && (bc.same || bc.aScalar || bc.bScalar) && !(bc.aScalar && bc.bScalar)) {
                return new NDArray(DType.BOOL, shape, compareFloats(op, ca.floats(), bc.aScalar, cb.floats(), bc.bScalar, n));
            }
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                r[i] = op.compare(ca.getDouble(bc.a(i)), cb.getDouble(bc.b(i)));
            }
            return new NDArray(DType.BOOL, shape, r);
        }
        switch (compute) {
            case FLOAT32 -> {
                float[] fa = Convert.cast(a, DType.FLOAT32).floats();
                float[] fb = Convert.cast(b, DType.FLOAT32).floats();
                return new NDArray(DType.FLOAT32, shape, floatLoop(op, fa, fb, bc, n), weak);
            }
            case INT32, UINT32 -> {
                int[] ia = Convert.cast(a, compute).ints();
                int[] ib = Convert.cast(b, compute).ints();
                int[] r = new int[n];
                boolean unsigned = compute == DType.UINT32;
                for (int i = 0; i < n; i++) {
                    r[i] = unsigned ? unsignedKernel(op, ia[bc.a(i)], ib[bc.b(i)]) : op.applyInt(ia[bc.a(i)], ib[bc.b(i)]);
                }
                return new NDArray(compute, shape, r, weak);
            }
            default -> {
                // bool arithmetic: + and max are "or", * and min are "and", as XLA does on predicates.
                boolean[] r = new boolean[n];
                for (int i = 0; i < n; i++) {
                    boolean p = a.getBoolean(bc.a(i));
                    boolean q = b.getBoolean(bc.b(i));
                    r[i] = switch (op) {
                        case ADD, MAX, BITWISE_OR -> p || q;
                        case MUL, MIN, BITWISE_AND -> p && q;
                        case BITWISE_XOR, NE -> p ^ q;
                        default -> throw Errors.typeError(op.jnpName + " does not accept dtype bool.");
                    };
                }
                return new NDArray(DType.BOOL, shape, r);
            }
        }
    }

    /**
     * A comparison of float32 operands of the result's shape or of one element, in SIMD kernels
     * (no index tables): a scalar operand goes to the right (x < s for s > x) and is spread over
     * a run of elements.
     */
    private static boolean[] compareFloats(BinaryPrim op, float[] a, boolean aScalar, float[] b, boolean bScalar, int n) {
        boolean[] r = new boolean[n];
        BinaryPrim cmp = aScalar ? mirrored(op) : op;
        float[] left = aScalar ? b : a;
        float[] right = aScalar ? a : b;
        boolean scalar = aScalar || bScalar;
        Parallel.forChunks(n, (from, to) -> {
            if (!scalar) {
                Simd.compare(cmp, left, from, right, from, r, from, to - from);
                return;
            }
            float[] spread = new float[Math.min(RUN, to - from)];
            java.util.Arrays.fill(spread, right[0]);
            for (int i = from; i < to; i += RUN) {
                Simd.compare(cmp, left, i, spread, 0, r, i, Math.min(RUN, to - i));
            }
        });
        return r;
    }

    /** Elements per call of a kernel comparing with a spread scalar. */
    private static final int RUN = 4096;

    /** The comparison with its operands swapped: s < x is x > s. */
    private static BinaryPrim mirrored(BinaryPrim op) {
        return switch (op) {
            case LT -> BinaryPrim.GT;
            case LE -> BinaryPrim.GE;
            case GT -> BinaryPrim.LT;
            case GE -> BinaryPrim.LE;
            default -> op; // EQ, NE
        };
    }

    private static float[] floatLoop(BinaryPrim op, float[] a, float[] b, Broadcast bc, int n) {
        float[] r = new float[n];
        Parallel.forChunks(n, (from, to) -> floatChunk(op, a, b, bc, r, from, to));
        return r;
    }

    /** Elements [from, to) of a binary float32 operation, with fast paths for equal shapes and scalars. */
    private static void floatChunk(BinaryPrim op, float[] a, float[] b, Broadcast bc, float[] r, int from, int to) {
        if (bc.same) {
            switch (op) {
                case ADD -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] + b[i];
                    }
                }
                case SUB -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] - b[i];
                    }
                }
                case MUL -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] * b[i];
                    }
                }
                case DIV -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] / b[i];
                    }
                }
                default -> {
                    for (int i = from; i < to; i++) {
                        r[i] = op.apply(a[i], b[i]);
                    }
                }
            }
        } else if (bc.bScalar) {
            float s = b[0];
            switch (op) {
                case ADD -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] + s;
                    }
                }
                case SUB -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] - s;
                    }
                }
                case MUL -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] * s;
                    }
                }
                case DIV -> {
                    for (int i = from; i < to; i++) {
                        r[i] = a[i] / s;
                    }
                }
                default -> {
                    for (int i = from; i < to; i++) {
                        r[i] = op.apply(a[i], s);
                    }
                }
            }
        } else if (bc.aScalar) {
            float s = a[0];
            switch (op) {
                case ADD -> {
                    for (int i = from; i < to; i++) {
                        r[i] = s + b[i];
                    }
                }
                case SUB -> {
                    for (int i = from; i < to; i++) {
                        r[i] = s - b[i];
                    }
                }
                case MUL -> {
                    for (int i = from; i < to; i++) {
                        r[i] = s * b[i];
                    }
                }
                default -> {
                    for (int i = from; i < to; i++) {
                        r[i] = op.apply(s, b[i]);
                    }
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                r[i] = op.apply(a[bc.a(i)], b[bc.b(i)]);
            }
        }
    }

    private static int unsignedKernel(BinaryPrim op, int a, int b) {
        long x = Integer.toUnsignedLong(a);
        long y = Integer.toUnsignedLong(b);
        return switch (op) {
            case FLOOR_DIVIDE -> y == 0 ? -1 : (int) (x / y);
            case MOD -> y == 0 ? 0 : (int) (x % y);
            case FMOD -> y == 0 ? a : (int) (x % y);
            case MAX -> (int) Math.max(x, y);
            case MIN -> (int) Math.min(x, y);
            case RIGHT_SHIFT -> b < 0 || b >= 32 ? 0 : a >>> b;
            default -> op.applyInt(a, b);
        };
    }

    /** NumPy broadcasting of two shapes, with JAX's error for incompatible ones. */
    public static int[] broadcastShapes(String laxName, int[] a, int[] b) {
        int[] shape = Shapes.broadcast(a, b);
        if (shape == null) {
            if (a.length == b.length) {
                throw Errors.incompatibleShapes(laxName, a, b);
            }
            throw Errors.valueError("Incompatible shapes for broadcasting: shapes=[" + Shapes.str(a) + ", " + Shapes.str(b) + "]");
        }
        return shape;
    }

    /** jnp.where(condition, x, y), with x and y promoted like a binary operation. */
    @TruffleBoundary
    public static NDArray where(Object condition, Object x, Object y) {
        NDArray c = operand("where", condition, 0);
        NDArray a = operand("where", x, 1);
        NDArray b = operand("where", y, 2);
        Promotion.Type t = Promotion.result(a, b);
        int[] shape = broadcastShapes("select_n", broadcastShapes("select_n", c.shape, a.shape), b.shape);
        int n = Shapes.size(shape);
        Broadcast bca = new Broadcast(c.shape, a.shape, shape);
        Broadcast bcb = new Broadcast(c.shape, b.shape, shape);
        NDArray ca = Convert.cast(a, t.dtype());
        NDArray cb = Convert.cast(b, t.dtype());
        if (t.dtype() == DType.FLOAT32 && c.dtype == DType.BOOL && java.util.Arrays.equals(c.shape, shape)
                && (ca.ndim() == 0 || java.util.Arrays.equals(ca.shape, shape)) && (cb.ndim() == 0 || java.util.Arrays.equals(cb.shape, shape))) {
            return new NDArray(DType.FLOAT32, shape, selectFloats(c.bools(), ca.floats(), cb.floats(), n), t.weak());
        }
        Object out = t.dtype().allocate(n);
        for (int i = 0; i < n; i++) {
            boolean pick = c.getBoolean(bca.a(i));
            NDArray src = pick ? ca : cb;
            int j = pick ? bca.b(i) : bcb.b(i);
            switch (t.dtype()) {
                case FLOAT32 -> ((float[]) out)[i] = src.floats()[j];
                case INT32, UINT32 -> ((int[]) out)[i] = src.ints()[j];
                case BOOL -> ((boolean[]) out)[i] = src.bools()[j];
            }
        }
        return new NDArray(t.dtype(), shape, out, t.weak());
    }

    /** where over float32 operands of the condition's shape or 0-d (length 1): the common case without index tables. */
    private static float[] selectFloats(boolean[] pick, float[] a, float[] b, int n) {
        float[] r = new float[n];
        boolean aScalar = a.length == 1 && n != 1;
        boolean bScalar = b.length == 1 && n != 1;
        Parallel.forChunks(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                r[i] = pick[i] ? a[aScalar ? 0 : i] : b[bScalar ? 0 : i];
            }
        });
        return r;
    }

    /** jnp.clip(x, min, max): maximum then minimum, each bound optional (null or None). */
    @TruffleBoundary
    public static NDArray clip(Object x, Object min, Object max) {
        NDArray r = operand("clip", x, 0);
        if (min != null && min != jaxon.runtime.PNone.NONE) {
            r = binary(BinaryPrim.MAX, r, min);
        }
        if (max != null && max != jaxon.runtime.PNone.NONE) {
            r = binary(BinaryPrim.MIN, r, max);
        }
        return r;
    }

    /**
     * Maps output positions to operand positions under broadcasting. Same shapes and scalar
     * operands need no tables; otherwise the two index tables are built once.
     */
    static final class Broadcast {
        final boolean same;
        final boolean aScalar;
        final boolean bScalar;
        private final int[] ia;
        private final int[] ib;

        Broadcast(int[] a, int[] b, int[] out) {
            same = java.util.Arrays.equals(a, out) && java.util.Arrays.equals(b, out);
            aScalar = Shapes.size(a) == 1 && !same;
            bScalar = Shapes.size(b) == 1 && !same;
            if (same || aScalar && (bScalar || java.util.Arrays.equals(b, out)) || bScalar && java.util.Arrays.equals(a, out)) {
                ia = null;
                ib = null;
            } else {
                ia = table(a, out);
                ib = table(b, out);
            }
        }

        int a(int i) {
            return ia != null ? ia[i] : aScalar ? 0 : i;
        }

        int b(int i) {
            return ib != null ? ib[i] : bScalar ? 0 : i;
        }

        /** For each flat output index, the flat index into an operand of the given shape. */
        static int[] table(int[] shape, int[] out) {
            int n = Shapes.size(out);
            int rank = out.length;
            int[] strides = new int[rank];
            int acc = 1;
            for (int d = rank - 1; d >= 0; d--) {
                int k = d - (rank - shape.length);
                int dim = k >= 0 ? shape[k] : 1;
                strides[d] = dim == 1 ? 0 : acc;
                acc *= k >= 0 ? shape[k] : 1;
            }
            int[] idx = new int[n];
            int[] counter = new int[rank];
            int pos = 0;
            for (int i = 0; i < n; i++) {
                idx[i] = pos;
                for (int d = rank - 1; d >= 0; d--) {
                    counter[d]++;
                    pos += strides[d];
                    if (counter[d] < out[d]) {
                        break;
                    }
                    pos -= strides[d] * counter[d];
                    counter[d] = 0;
                }
            }
            return idx;
        }
    }
}
