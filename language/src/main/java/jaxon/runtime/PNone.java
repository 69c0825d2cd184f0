package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** Python's None. */
@ExportLibrary(InteropLibrary.class)
public final class PNone implements TruffleObject {
    public static final PNone NONE = new PNone();

    private PNone() {
    }

    @Override
    public String toString() {
        return "None";
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects) {
        return "None";
    }
}
