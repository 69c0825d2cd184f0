package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import java.nio.ByteOrder;

/**
 * Jaxon's array: an immutable n-dimensional value with a dtype and a shape, stored unboxed and
 * contiguous in row-major order (float[] for float32, int[] for int32 and uint32, boolean[] for bool).
 * Nothing mutates {@link #data} after construction, so arrays may share storage.
 *
 * <p>Embedders see an array as an interop array (rows of a matrix are arrays again; elements of a
 * vector are numbers), as a little-endian buffer of its elements, and with members shape, dtype,
 * ndim and size.
 *
 * <p>{@code weakType} marks values that came from Python scalars (JAX's weak types): they take the
 * dtype of the other operand in binary operations.
 */
@ExportLibrary(InteropLibrary.class)
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

    // ---- interop

    @ExportMessage
    boolean hasArrayElements() {
        return shape.length > 0;
    }

    @ExportMessage
    long getArraySize() throws UnsupportedMessageException {
        if (shape.length == 0) {
            throw UnsupportedMessageException.create();
        }
        return shape[0];
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return shape.length > 0 && index >= 0 && index < shape[0];
    }

    @ExportMessage
    @TruffleBoundary
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (shape.length == 0 || index < 0 || index >= shape[0]) {
            throw InvalidArrayIndexException.create(index);
        }
        return shape.length == 1 ? getPython((int) index) : Iteration.row(this, (int) index);
    }

    @ExportMessage
    boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    long getBufferSize() {
        return (long) size() * (dtype == DType.BOOL ? 1 : 4);
    }

    @ExportMessage
    byte readBufferByte(long byteOffset) throws InvalidBufferOffsetException {
        if (dtype == DType.BOOL) {
            checkOffset(byteOffset, 1);
            return (byte) (bools()[(int) byteOffset] ? 1 : 0);
        }
        checkOffset(byteOffset, 1);
        int bits = dtype == DType.FLOAT32 ? Float.floatToRawIntBits(floats()[(int) (byteOffset / 4)]) : ints()[(int) (byteOffset / 4)];
        return (byte) (bits >>> (8 * (byteOffset % 4)));
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long byteOffset) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException, UnsupportedMessageException {
        int bits = element32(byteOffset);
        return order == ByteOrder.LITTLE_ENDIAN ? bits : Integer.reverseBytes(bits);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long byteOffset) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException, UnsupportedMessageException {
        int bits = element32(byteOffset);
        return Float.intBitsToFloat(order == ByteOrder.LITTLE_ENDIAN ? bits : Integer.reverseBytes(bits));
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long byteOffset) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    private int element32(long byteOffset) throws InvalidBufferOffsetException, UnsupportedMessageException {
        if (dtype == DType.BOOL || byteOffset % 4 != 0) {
            throw UnsupportedMessageException.create();
        }
        checkOffset(byteOffset, 4);
        return dtype == DType.FLOAT32 ? Float.floatToRawIntBits(floats()[(int) (byteOffset / 4)]) : ints()[(int) (byteOffset / 4)];
    }

    private void checkOffset(long byteOffset, int length) throws InvalidBufferOffsetException {
        if (byteOffset < 0 || byteOffset + length > getBufferSize()) {
            throw InvalidBufferOffsetException.create(byteOffset, length);
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(boolean includeInternal) {
        return PTuple.of("shape", "dtype", "ndim", "size");
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return member.equals("shape") || member.equals("dtype") || member.equals("ndim") || member.equals("size");
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        if (!isMemberReadable(member)) {
            throw UnknownIdentifierException.create(member);
        }
        Object v = ArrayMethods.attribute(this, member);
        return member.equals("dtype") ? dtype.jaxName : v;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return jaxon.runtime.format.ArrayPrinter.repr(this);
    }
}
