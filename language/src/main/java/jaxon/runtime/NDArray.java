package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/**
 * Jaxon's array: an immutable n-dimensional value with a dtype and a shape, stored unboxed and
 * contiguous in row-major order (float[] for float32, int[] for int32 and uint32, boolean[] for bool).
 * Nothing mutates {@link #data} after construction, so arrays may share storage.
 *
 * <p>{@code weakType} marks values that came from Python scalars (JAX's weak types): they take the
 * dtype of the other operand in binary operations.
 */
public final class NDArray implements TruffleObject {
    public final DType dtype;
    public final int[] shape;
    public final Object data;
    public final boolean weakType;

    public NDArray(DType dtype, int[] shape, Object data, boolean weakType) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.weakType = weakType;
        assert Shapes.size(shape) == length(data) : "storage does not match shape";
    }

    public NDArray(DType dtype, int[] shape, Object data) {
        this(dtype, shape, data, false);
    }

    public static NDArray ofFloats(int[] shape, float[] data) {
        return new NDArray(DType.FLOAT32, shape, data);
    }

    public static NDArray ofInts(int[] shape, int[] data) {
        return new NDArray(DType.INT32, shape, data);
    }

    public static NDArray ofBools(int[] shape, boolean[] data) {
        return new NDArray(DType.BOOL, shape, data);
    }

    public static NDArray scalar(float v) {
        return new NDArray(DType.FLOAT32, new int[0], new float[]{v});
    }

    public static NDArray zeros(DType dtype, int[] shape) {
        return new NDArray(dtype, shape, dtype.allocate(Shapes.size(shape)));
    }

    public int size() {
        return length(data);
    }

    public int ndim() {
        return shape.length;
    }

    public float[] floats() {
        return (float[]) data;
    }

    public int[] ints() {
        return (int[]) data;
    }

    public boolean[] bools() {
        return (boolean[]) data;
    }

    /** Element i (flat, row-major) as a double, whatever the dtype. */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
        };
    }

    public float getFloat(int i) {
        return (float) getDouble(i);
    }

    /** Element i as a Java long (floats truncate toward zero). */
    public long getLong(int i) {
        return switch (dtype) {
            case FLOAT32 -> (long) ((float[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
        };
    }

    public boolean getBoolean(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i] != 0;
            case INT32, UINT32 -> ((int[]) data)[i] != 0;
            case BOOL -> ((boolean[]) data)[i];
        };
    }

    /** Element i as the Python scalar that tolist()/item() return (float, int or bool). */
    public Object getPython(int i) {
        return switch (dtype) {
            case FLOAT32 -> (double) ((float[]) data)[i];
            case INT32 -> (long) ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case BOOL -> ((boolean[]) data)[i];
        };
    }

    /** The same values, same dtype, as a strongly typed array. */
    public NDArray strong() {
        return weakType ? new NDArray(dtype, shape, data, false) : this;
    }

    public NDArray withShape(int[] newShape) {
        return new NDArray(dtype, newShape, data, weakType);
    }

    static int length(Object data) {
        if (data instanceof float[] f) {
            return f.length;
        } else if (data instanceof int[] a) {
            return a.length;
        }
        return ((boolean[]) data).length;
    }

    @Override
    public String toString() {
        return jaxon.runtime.format.ArrayPrinter.str(this);
    }
}
