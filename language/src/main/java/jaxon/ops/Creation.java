package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PNone;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/** Array creation: zeros, ones, full, arange, linspace, eye, with JAX's default dtypes. */
public final class Creation {
    private Creation() {
    }

    static int[] checkedShape(Object shape) {
        int[] s = ShapeOps.shapeArg(shape);
        for (int d : s) {
            if (d < 0) {
                throw Errors.valueError("negative dimensions are not allowed");
            }
        }
        return s;
    }

    /** jnp.full: without a dtype, a Python scalar fill gives a weakly typed array, as lax.full does. */
    @TruffleBoundary
    public static NDArray full(int[] shape, Object fill, DType dtype) {
        NDArray value = Convert.asArray(fill);
        DType d = dtype != null ? dtype : value.dtype;
        boolean weak = dtype == null && value.weakType;
        if (value.ndim() > 0) {
            return Convert.cast(ShapeOps.broadcastTo(value, shape), d);
        }
        int n = Shapes.size(shape);
        Object data = d.allocate(n);
        switch (d) {
            case FLOAT32 -> Arrays.fill((float[]) data, (float) value.getDouble(0));
            case INT32, UINT32 -> Arrays.fill((int[]) data, value.dtype == DType.FLOAT32 ? Convert.floatToInt(value.getFloat(0), d) : (int) value.getLong(0));
            case BOOL -> Arrays.fill((boolean[]) data, value.getBoolean(0));
        }
        return new NDArray(d, shape, data, weak);
    }

    public static NDArray filled(int[] shape, double v, DType dtype) {
        return full(shape, v, dtype == null ? DType.FLOAT32 : dtype);
    }

    /** jnp.arange: iota for arange(n) and arange(0, n); NumPy's fill (start + i*delta in the dtype) otherwise. */
    @TruffleBoundary
    public static NDArray arange(Object start, Object stop, Object step, DType dtype) {
        if (stop == PNone.NONE) {
            stop = start;
            start = 0L;
        }
        if (step == PNone.NONE) {
            step = 1L;
        }
        boolean anyFloat = start instanceof Double || stop instanceof Double || step instanceof Double
                || isFloatArray(start) || isFloatArray(stop) || isFloatArray(step);
        DType d = dtype != null ? dtype : anyFloat ? DType.FLOAT32 : DType.INT32;
        double s = scalar(start);
        double e = scalar(stop);
        double st = scalar(step);
        if (st == 0) {
            throw Errors.zeroDivision("division by zero");
        }
        int n = (int) Math.max(0, Math.ceil((e - s) / st));
        Object data = d.allocate(n);
        if (d == DType.FLOAT32) {
            float[] f = (float[]) data;
            float first = (float) s;
            float delta = (float) (s + st) - first;
            for (int i = 0; i < n; i++) {
                f[i] = i == 0 ? first : i == 1 ? (float) (s + st) : first + i * delta;
            }
        } else if (d == DType.BOOL) {
            for (int i = 0; i < n; i++) {
                ((boolean[]) data)[i] = s + i * st != 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                ((int[]) data)[i] = (int) (long) (s + i * st);
            }
        }
        return new NDArray(d, new int[]{n}, data);
    }

    private static boolean isFloatArray(Object o) {
        return o instanceof NDArray a && a.dtype == DType.FLOAT32;
    }

    private static double scalar(Object o) {
        if (o instanceof NDArray a) {
            if (a.size() != 1) {
                throw Errors.typeError("arange arguments must be scalars");
            }
            return a.getDouble(0);
        }
        return PyObjects.toDouble(o);
    }

    /** jnp.linspace, computed as JAX does in float32: start*(1-t) + stop*t with t = i/div, the endpoint exact. */
    @TruffleBoundary
    public static NDArray linspace(Object startArg, Object stopArg, int num, boolean endpoint, DType dtype) {
        if (num < 0) {
            throw Errors.valueError("Number of samples, " + num + ", must be non-negative.");
        }
        float start = (float) scalar(startArg);
        float stop = (float) scalar(stopArg);
        float[] out = new float[num];
        int div = endpoint ? num - 1 : num;
        if (num == 1) {
            out[0] = start;
        } else if (num > 1) {
            for (int i = 0; i < div; i++) {
                float t = (float) i / (float) div;
                out[i] = start * (1 - t) + stop * t;
            }
            if (endpoint) {
                out[num - 1] = stop;
            }
        }
        NDArray r = NDArray.ofFloats(new int[]{num}, out);
        return dtype == null || dtype == DType.FLOAT32 ? r : Convert.cast(r, dtype);
    }

    @TruffleBoundary
    public static NDArray eye(int n, Object mArg, int k, DType dtype) {
        int m = mArg == PNone.NONE ? n : (int) PyObjects.toLong(mArg);
        DType d = dtype == null ? DType.FLOAT32 : dtype;
        NDArray z = NDArray.zeros(d, new int[]{n, m});
        for (int i = 0; i < n; i++) {
            int j = i + k;
            if (j >= 0 && j < m) {
                switch (d) {
                    case FLOAT32 -> z.floats()[i * m + j] = 1;
                    case INT32, UINT32 -> z.ints()[i * m + j] = 1;
                    case BOOL -> z.bools()[i * m + j] = true;
                }
            }
        }
        return z;
    }
}
