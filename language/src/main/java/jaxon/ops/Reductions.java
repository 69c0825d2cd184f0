package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/**
 * Reductions over axes (sum, prod, max, min, mean, var, std, argmax, argmin, all, any) and
 * cumulative scans. One gather step lays each output element's inputs out contiguously; the
 * per-reduction kernels then work on plain float/int rows.
 */
public final class Reductions {
    private Reductions() {
    }

    public enum Kind {
        SUM("sum"), PROD("prod"), MAX("max"), MIN("min"), MEAN("mean"), VAR("var"), STD("std"),
        ARGMAX("argmax"), ARGMIN("argmin"), ALL("all"), ANY("any");

        final String name;

        Kind(String name) {
            this.name = name;
        }
    }

    /** Normalized, sorted reduction axes from None, an int, or a tuple of ints. */
    public static int[] axes(Object axis, int ndim) {
        if (axis == null || axis == PNone.NONE) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                all[i] = i;
            }
            return all;
        }
        Object[] items = axis instanceof PTuple t ? t.items() : axis instanceof jaxon.runtime.PList l ? l.items.toArray() : new Object[]{axis};
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = Shapes.axis((int) PyObjects.toLong(items[i]), ndim);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw Errors.valueError("repeated axis in reduction");
            }
        }
        return out;
    }

    @TruffleBoundary
    public static NDArray reduce(Kind kind, NDArray a, Object axis, boolean keepdims, int ddof, DType dtype) {
        int[] ax = axes(axis, a.ndim());
        boolean[] reduced = new boolean[a.ndim()];
        for (int d : ax) {
            reduced[d] = true;
        }
        int[] outShape = outShape(a.shape, reduced, false);
        int[] keptShape = outShape(a.shape, reduced, true);
        int outSize = Shapes.size(outShape);
        int m = 1;
        for (int d : ax) {
            m *= a.shape[d];
        }
        if (m == 0 && (kind == Kind.MAX || kind == Kind.MIN || kind == Kind.ARGMAX || kind == Kind.ARGMIN)) {
            throw Errors.valueError("zero-size array to reduction operation " + kind.name + " which has no identity");
        }
        int[] order = isSuffix(ax, a.ndim()) ? null : gatherOrder(a.shape, reduced);
        DType out = resultType(kind, a.dtype, dtype);
        Object result = out.allocate(outSize);
        for (int o = 0; o < outSize; o++) {
            int base = o * m;
            switch (kind) {
                case ARGMAX, ARGMIN -> ((int[]) result)[o] = argExtreme(a, order, base, m, kind == Kind.ARGMAX);
                case ALL, ANY -> {
                    boolean acc = kind == Kind.ALL;
                    for (int k = 0; k < m; k++) {
                        boolean v = a.getBoolean(at(order, base + k));
                        acc = kind == Kind.ALL ? acc && v : acc || v;
                    }
                    ((boolean[]) result)[o] = acc;
                }
                default -> {
                    if (out == DType.FLOAT32) {
                        ((float[]) result)[o] = floatReduce(kind, a, order, base, m, ddof);
                    } else if (out == DType.BOOL) {
                        boolean acc = kind == Kind.MIN || kind == Kind.PROD;
                        for (int k = 0; k < m; k++) {
                            boolean v = a.getBoolean(at(order, base + k));
                            acc = kind == Kind.MIN || kind == Kind.PROD ? acc && v : acc || v;
                        }
                        ((boolean[]) result)[o] = acc;
                    } else {
                        ((int[]) result)[o] = intReduce(kind, a, order, base, m, out == DType.UINT32);
                    }
                }
            }
        }
        return new NDArray(out, keepdims ? keptShape : outShape, result);
    }

    private static DType resultType(Kind kind, DType in, DType requested) {
        switch (kind) {
            case ARGMAX, ARGMIN:
                return DType.INT32;
            case ALL, ANY:
                return DType.BOOL;
            case MEAN, VAR, STD:
                return requested != null ? requested : DType.FLOAT32;
            case SUM, PROD:
                if (requested != null) {
                    return requested;
                }
                return in == DType.BOOL ? DType.INT32 : in;
            default:
                return in;
        }
    }

    private static int[] outShape(int[] shape, boolean[] reduced, boolean keep) {
        int n = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d] || keep) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out[k++] = shape[d];
            } else if (keep) {
                out[k++] = 1;
            }
        }
        return out;
    }

    /**
     * Flat input indices ordered so that output element o's inputs are order[o*m .. o*m+m), in
     * row-major order of the reduced axes.
     */
    /** Reducing the trailing axes needs no reordering: each output's inputs are already contiguous. */
    private static boolean isSuffix(int[] axes, int ndim) {
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != ndim - axes.length + i) {
                return false;
            }
        }
        return true;
    }

    private static int at(int[] order, int i) {
        return order == null ? i : order[i];
    }

    static int[] gatherOrder(int[] shape, boolean[] reduced) {
        int rank = shape.length;
        int[] perm = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                perm[k++] = d;
            }
        }
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                perm[k++] = d;
            }
        }
        return ShapeOps.permutedIndices(shape, perm);
    }

    private static float floatReduce(Kind kind, NDArray a, int[] order, int base, int m, int ddof) {
        switch (kind) {
            case SUM:
                return (float) pairwiseSum(a, order, base, m);
            case MEAN:
                return (float) (pairwiseSum(a, order, base, m) / m);
            case PROD: {
                float p = 1;
                for (int k = 0; k < m; k++) {
                    p *= a.getFloat(at(order, base + k));
                }
                return p;
            }
            case MAX:
            case MIN: {
                float best = a.getFloat(at(order, base));
                for (int k = 1; k < m; k++) {
                    float v = a.getFloat(at(order, base + k));
                    if (v != v || best != best) {
                        best = Float.NaN;
                    } else if (kind == Kind.MAX ? v > best : v < best) {
                        best = v;
                    }
                }
                return best;
            }
            case VAR:
            case STD: {
                double mean = pairwiseSum(a, order, base, m) / m;
                double ss = 0;
                for (int k = 0; k < m; k++) {
                    double d = a.getFloat(at(order, base + k)) - (float) mean;
                    ss += d * d;
                }
                double var = ss / Math.max(m - ddof, 0);
                return (float) (kind == Kind.STD ? Math.sqrt(var) : var);
            }
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /**
     * Sums float32 in blocks of 1024 with eight float lanes (fast, and like NumPy's pairwise
     * summation accurate to a few ulp), adding the block sums in double.
     */
    private static double pairwiseSum(NDArray a, int[] order, int base, int m) {
        double s = 0;
        if (order == null && a.dtype == DType.FLOAT32) {
            float[] f = a.floats();
            int end = base + m;
            for (int b0 = base; b0 < end; b0 += 1024) {
                int b1 = Math.min(end, b0 + 1024);
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                int i = b0;
                for (; i + 8 <= b1; i += 8) {
                    s0 += f[i];
                    s1 += f[i + 1];
                    s2 += f[i + 2];
                    s3 += f[i + 3];
                    s4 += f[i + 4];
                    s5 += f[i + 5];
                    s6 += f[i + 6];
                    s7 += f[i + 7];
                }
                for (; i < b1; i++) {
                    s0 += f[i];
                }
                s += (double) ((s0 + s1) + (s2 + s3)) + (double) ((s4 + s5) + (s6 + s7));
            }
            return s;
        }
        if (a.dtype == DType.FLOAT32) {
            float[] f = a.floats();
            for (int k = 0; k < m; k++) {
                s += f[at(order, base + k)];
            }
        } else {
            for (int k = 0; k < m; k++) {
                s += a.getDouble(at(order, base + k));
            }
        }
        return s;
    }

    private static int intReduce(Kind kind, NDArray a, int[] order, int base, int m, boolean unsigned) {
        long acc = switch (kind) {
            case PROD -> 1;
            case MAX, MIN -> a.getLong(at(order, base));
            default -> 0;
        };
        for (int k = kind == Kind.MAX || kind == Kind.MIN ? 1 : 0; k < m; k++) {
            long v = a.getLong(at(order, base + k));
            switch (kind) {
                case SUM -> acc += v;
                case PROD -> acc *= v;
                case MAX -> acc = Math.max(acc, v);
                case MIN -> acc = Math.min(acc, v);
                default -> throw new IllegalStateException(kind.name());
            }
        }
        return (int) acc;
    }

    private static int argExtreme(NDArray a, int[] order, int base, int m, boolean max) {
        int best = 0;
        double bestValue = a.getDouble(at(order, base));
        if (Double.isNaN(bestValue)) {
            return 0;
        }
        for (int k = 1; k < m; k++) {
            double v = a.getDouble(at(order, base + k));
            if (Double.isNaN(v)) {
                return k; // the first NaN wins, as in NumPy and JAX
            }
            if (max ? v > bestValue : v < bestValue) {
                best = k;
                bestValue = v;
            }
        }
        return best;
    }

    /** cumsum / cumprod along an axis (None flattens first). */
    @TruffleBoundary
    public static NDArray cumulative(NDArray a, Object axis, boolean product, DType dtype) {
        if (axis == null || axis == PNone.NONE) {
            a = a.withShape(new int[]{a.size()});
            axis = 0L;
        }
        int ax = Shapes.axis((int) PyObjects.toLong(axis), a.ndim());
        DType out = dtype != null ? dtype : a.dtype == DType.BOOL ? DType.INT32 : a.dtype;
        NDArray src = Convert.cast(a, out);
        int[] strides = Shapes.strides(a.shape);
        int n = a.size();
        int len = a.shape[ax];
        int stride = strides[ax];
        Object result = out.allocate(n);
        for (int start = 0; start < n; start++) {
            if ((start / stride) % len != 0) {
                continue; // not the first element along the axis
            }
            double acc = product ? 1 : 0;
            long iacc = product ? 1 : 0;
            for (int k = 0, i = start; k < len; k++, i += stride) {
                if (out == DType.FLOAT32) {
                    float v = src.floats()[i];
                    acc = product ? (float) (acc * v) : (float) (acc + v);
                    ((float[]) result)[i] = (float) acc;
                } else {
                    long v = src.getLong(i);
                    iacc = product ? (int) (iacc * v) : (int) (iacc + v);
                    ((int[]) result)[i] = (int) iacc;
                }
            }
        }
        return new NDArray(out, a.shape, result);
    }
}
