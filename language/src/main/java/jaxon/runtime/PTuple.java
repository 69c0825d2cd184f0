package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** An immutable Python tuple. */
@ExportLibrary(InteropLibrary.class)
public final class PTuple implements TruffleObject {
    public static final PTuple EMPTY = new PTuple(new Object[0]);

    private final Object[] items;

    public PTuple(Object[] items) {
        this.items = items;
    }

    public static PTuple of(Object... items) {
        return new PTuple(items);
    }

    public int size() {
        return items.length;
    }

    public Object get(int i) {
        return items[i];
    }

    /** The backing array; callers must not modify it. */
    public Object[] items() {
        return items;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PTuple t && PyObjects.sequenceEquals(items, t.items);
    }

    @Override
    public int hashCode() {
        int h = 0x345678;
        for (Object item : items) {
            h = h * 1000003 ^ PyObjects.hash(item);
        }
        return h;
    }

    @Override
    public String toString() {
        return PyObjects.repr(this);
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return size();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < size();
    }

    @ExportMessage
    @TruffleBoundary
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (index < 0 || index >= size()) {
            throw InvalidArrayIndexException.create(index);
        }
        return items[(int) index];
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return PyObjects.repr(this);
    }
}
