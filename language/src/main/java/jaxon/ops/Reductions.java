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
 * per-reduction kernels then work on plain float/int rows. float32 sums, products, means,
 * variances and scans follow XLA's CPU summation order bit for bit (see {@link XlaSum}).
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
        DType out = resultType(kind, a.dtype, dtype);
        if (out == DType.FLOAT32 && (kind == Kind.SUM || kind == Kind.PROD || kind == Kind.MEAN || kind == Kind.VAR || kind == Kind.STD)) {
            float[] r = xlaFloatReduce(kind, a, ax, reduced, outSize, m, ddof);
            return new NDArray(out, keepdims ? keptShape : outShape, r);
        }
        int[] order = isSuffix(ax, a.ndim()) ? null : gatherOrder(a.shape, reduced);
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

    /** MAX and MIN of float32 (the order-sensitive kinds go through {@link #xlaFloatReduce}). */
    private static float floatReduce(Kind kind, NDArray a, int[] order, int base, int m, int ddof) {
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

    /**
     * float32 SUM, PROD, MEAN, VAR and STD in the order of JAX's XLA CPU backend (see
     * {@link XlaSum}). Integer and bool inputs are converted to float32 first, as JAX does. The
     * input is viewed as (outer, m, inner) with the reduced axes in the middle; reduced axes that
     * are not adjacent are gathered into contiguous rows first (inner = 1).
     */
    private static float[] xlaFloatReduce(Kind kind, NDArray a, int[] ax, boolean[] reduced, int outSize, int m, int ddof) {
        Rows g = rows(a, ax, reduced, outSize);
        float[] src = g.data;
        int outer = g.outer;
        int inner = g.inner;
        boolean ynn = XlaSum.usesYnn(a.size(), outSize);
        float[] r = new float[outSize];
        if (kind == Kind.PROD) { // YNNPACK has no product reduction: always XLA's loop order
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < inner; j++) {
                    r[o * inner + j] = XlaSum.loopProd(src, o * m * inner + j, inner, m);
                }
            }
            return r;
        }
        sums(src, outer, m, inner, ynn, r);
        if (kind == Kind.SUM) {
            return r;
        }
        float scale = 1f / (float) m; // XLA divides by the constant n as a multiply by float32(1/n)
        for (int i = 0; i < outSize; i++) {
            r[i] *= scale;
        }
        if (kind == Kind.MEAN) {
            return r;
        }
        // var = sum((x - mean)^2) / (n - ddof), a true division; the squares fuse into the sum.
        float[] ss = sumSquares(src, r, outer, m, inner, ynn);
        float n = (float) Math.max(m - ddof, 0);
        for (int i = 0; i < outSize; i++) {
            float v = ss[i] / n;
            r[i] = kind == Kind.STD ? (float) Math.sqrt(v) : v;
        }
        return r;
    }

    /**
     * sum(x * x) over the axes as XLA fuses reduce(multiply): jnp.linalg.norm's sum of squares.
     * float32 result (the input is converted first).
     */
    @TruffleBoundary
    public static NDArray sumOfSquares(NDArray a, Object axis, boolean keepdims) {
        int[] ax = axes(axis, a.ndim());
        boolean[] reduced = new boolean[a.ndim()];
        int m = 1;
        for (int d : ax) {
            reduced[d] = true;
            m *= a.shape[d];
        }
        int outSize = Shapes.size(outShape(a.shape, reduced, false));
        Rows g = rows(a, ax, reduced, outSize);
        float[] r = sumSquares(g.data, null, g.outer, m, g.inner, XlaSum.usesYnn(a.size(), outSize));
        return new NDArray(DType.FLOAT32, outShape(a.shape, reduced, keepdims), r);
    }

    /**
     * Sums of squares of (outer, m, inner) data, or of deviations from center[o * inner + j] when
     * center is not null, as XLA fuses reduce(multiply): see XlaSum.dot.
     */
    private static float[] sumSquares(float[] x, float[] center, int outer, int m, int inner, boolean ynn) {
        float[] ss = new float[outer * inner];
        if (ynn && inner > 1) { // YNNPACK's kn kernel sums the rounded squares column by column
            float[] sq = new float[outer * m * inner];
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < m; k++) {
                    for (int j = 0, i = (o * m + k) * inner; j < inner; j++, i++) {
                        float d = center == null ? x[i] : x[i] - center[o * inner + j];
                        sq[i] = d * d;
                    }
                }
            }
            sums(sq, outer, m, inner, true, ss);
            return ss;
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int b = o * m * inner + j;
                ss[o * inner + j] = center == null ? XlaSum.dot(x, b, inner, x, b, inner, m, ynn)
                        : XlaSum.sumSquaredDeviations(x, b, inner, m, center[o * inner + j], ynn);
            }
        }
        return ss;
    }

    /** The input as float32 laid out (outer, m, inner), with the m reduced elements in the middle. */
    private record Rows(float[] data, int outer, int inner) {
    }

    private static Rows rows(NDArray a, int[] ax, boolean[] reduced, int outSize) {
        float[] src = Convert.cast(a, DType.FLOAT32).floats();
        int inner = 1;
        if (ax.length > 0 && ax[ax.length - 1] - ax[0] == ax.length - 1) {
            for (int d = ax[ax.length - 1] + 1; d < a.ndim(); d++) {
                inner *= a.shape[d];
            }
        } else if (ax.length > 0) { // reduced axes not adjacent: gather each output's inputs into a row
            int[] order = gatherOrder(a.shape, reduced);
            float[] g = new float[order.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = src[order[i]];
            }
            src = g;
        }
        return new Rows(src, inner == 0 ? 0 : outSize / inner, inner);
    }

    /** out[o * inner + j] = sum over k &lt; m of src[(o * m + k) * inner + j], in XLA's order. */
    private static void sums(float[] src, int outer, int m, int inner, boolean ynn, float[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * m * inner;
            if (inner == 1) {
                out[o] = ynn ? XlaSum.ynnSumK1(src, base, m) : XlaSum.loopSum(src, base, 1, m);
            } else if (ynn) {
                XlaSum.ynnSumKn(src, base, m, inner, out, o * inner);
            } else {
                for (int j = 0; j < inner; j++) {
                    out[o * inner + j] = XlaSum.loopSum(src, base + j, inner, m);
                }
            }
        }
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

    /** cumsum / cumprod along an axis (None flattens first); float32 in XLA's order (XlaSum.scan). */
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
        if (out == DType.FLOAT32) { // XLA's scan order, one line along the axis at a time
            float[] f = src.floats();
            for (int outer = 0; outer < n; outer += len * stride) {
                for (int j = 0; j < stride; j++) {
                    XlaSum.scan(f, outer + j, stride, len, (float[]) result, outer + j, stride, product);
                }
            }
            return new NDArray(out, a.shape, result);
        }
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
