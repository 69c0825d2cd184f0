package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

/** Conversion of values coming from other languages (Java, JavaScript) into Jaxon values. */
public final class Interop {
    private Interop() {
    }

    @TruffleBoundary
    public static Object toJaxon(Object v) {
        if (v instanceof Integer i) {
            return (long) i;
        } else if (v instanceof Short s) {
            return (long) s;
        } else if (v instanceof Byte b) {
            return (long) b;
        } else if (v instanceof Float f) {
            return (double) f;
        } else if (v instanceof Character c) {
            return String.valueOf(c);
        } else if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String || v instanceof PyValue
                || v instanceof NDArray || v instanceof PList || v instanceof PTuple || v instanceof PDict || v instanceof PNone
                || v instanceof PyBaseException) {
            return v;
        }
        InteropLibrary lib = InteropLibrary.getUncached();
        try {
            if (lib.isNull(v)) {
                return PNone.NONE;
            } else if (lib.isBoolean(v)) {
                return lib.asBoolean(v);
            } else if (lib.isString(v)) {
                return lib.asString(v);
            } else if (lib.isNumber(v)) {
                return lib.fitsInLong(v) ? (Object) lib.asLong(v) : (Object) lib.asDouble(v);
            } else if (lib.hasArrayElements(v)) {
                long n = lib.getArraySize(v);
                PList out = new PList();
                for (long i = 0; i < n; i++) {
                    out.items.add(toJaxon(lib.readArrayElement(v, i)));
                }
                return out;
            }
        } catch (UnsupportedMessageException | com.oracle.truffle.api.interop.InvalidArrayIndexException e) {
            throw Errors.typeError("cannot convert foreign value: " + e.getMessage());
        }
        return v;
    }

    public static Object[] toJaxon(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = toJaxon(args[i]);
        }
        return out;
    }
}
