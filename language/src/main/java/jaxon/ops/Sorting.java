package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import jaxon.runtime.DType;
import jaxon.runtime.NDArray;
import jaxon.runtime.Shapes;

/** sort, argsort and searchsorted along an axis, with NumPy's order: NaN last, ties stable. */
public final class Sorting {
    private Sorting() {
    }

    /** For each lane along axis, the positions of its elements in ascending (stable) order. */
    @TruffleBoundary
    public static NDArray argsort(NDArray a, int axis, boolean descending) {
        int n = a.size();
        int len = a.shape[axis];
        int stride = Shapes.strides(a.shape)[axis];
        int[] out = new int[n];
        Integer[] order = new Integer[len];
        for (int start = 0; start < n; start++) {
            if ((start / stride) % len != 0) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                order[j] = j;
            }
            final int base = start;
            java.util.Arrays.sort(order, (x, y) -> {
                int c = compare(a, base + x * stride, base + y * stride);
                return descending ? -c : c;
            });
            for (int j = 0; j < len; j++) {
                out[base + j * stride] = order[j];
            }
        }
        return NDArray.ofInts(a.shape, out);
    }

    /** The elements along axis in ascending order. */
    @TruffleBoundary
    public static NDArray sort(NDArray a, int axis) {
        NDArray order = argsort(a, axis, false);
        int stride = Shapes.strides(a.shape)[axis];
        int len = a.shape[axis];
        int[] source = new int[a.size()];
        for (int i = 0; i < source.length; i++) {
            int position = (i / stride) % len;
            source[i] = i + (order.ints()[i] - position) * stride;
        }
        return ShapeOps.gather(a, source, a.shape).strong();
    }

    /** Insertion points of v into the sorted 1-D array a (side 'left' or 'right'). */
    @TruffleBoundary
    public static NDArray searchsorted(NDArray a, NDArray v, boolean right) {
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            double x = v.getDouble(i);
            int lo = 0;
            int hi = a.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                double m = a.getDouble(mid);
                if (right ? m <= x : m < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[i] = lo;
        }
        return NDArray.ofInts(v.shape, out);
    }

    private static int compare(NDArray a, int i, int j) {
        if (a.dtype == DType.FLOAT32) {
            float x = a.floats()[i];
            float y = a.floats()[j];
            return Float.isNaN(x) ? (Float.isNaN(y) ? 0 : 1) : Float.isNaN(y) ? -1 : Float.compare(x == 0 ? 0f : x, y == 0 ? 0f : y);
        }
        if (a.dtype == DType.UINT32) {
            return Integer.compareUnsigned(a.ints()[i], a.ints()[j]);
        }
        return Double.compare(a.getDouble(i), a.getDouble(j));
    }
}
