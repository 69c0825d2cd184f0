package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/** Shape arithmetic shared by every array operation. */
public final class Shapes {
    private Shapes() {
    }

    public static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Python's text for a shape tuple: (), (3,), (2, 3). */
    @TruffleBoundary
    public static String str(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** JAX's text for the dimensions in a type such as float32[2,3]: "[2,3]". */
    @TruffleBoundary
    public static String dims(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? "," : "").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    public static PTuple toTuple(int[] shape) {
        Object[] items = new Object[shape.length];
        for (int i = 0; i < shape.length; i++) {
            items[i] = (long) shape[i];
        }
        return new PTuple(items);
    }

    /** Row-major strides, in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** NumPy broadcasting of two shapes; null if they are incompatible. */
    public static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Normalizes a possibly negative axis; raises JAX's error when out of range. */
    public static int axis(int axis, int ndim) {
        if (axis < -ndim || axis >= ndim) {
            throw Errors.raise(PyExceptionType.VALUE_ERROR, "axis " + axis + " is out of bounds for array of dimension " + ndim);
        }
        return axis < 0 ? axis + ndim : axis;
    }
}
