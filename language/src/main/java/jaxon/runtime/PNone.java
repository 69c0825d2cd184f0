package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/** Python's None. */
public final class PNone implements TruffleObject {
    public static final PNone NONE = new PNone();

    private PNone() {
    }

    @Override
    public String toString() {
        return "None";
    }
}
