package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.ArrayList;
import java.util.List;

/** A mutable Python list. */
@ExportLibrary(InteropLibrary.class)
public final class PList implements TruffleObject {
    public final ArrayList<Object> items;

    public PList() {
        this.items = new ArrayList<>();
    }

    public PList(List<Object> items) {
        this.items = new ArrayList<>(items);
    }

    public static PList of(Object... items) {
        return new PList(List.of(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
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
        return items.get((int) index);
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return PyObjects.repr(this);
    }
}
