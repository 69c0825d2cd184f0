package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** functools.partial(func, *args, **keywords). */
@ExportLibrary(InteropLibrary.class)
public final class PPartial implements PyValue, TruffleObject {
    public final Object func;
    public final Object[] args;
    public final PDict keywords;

    public PPartial(Object func, Object[] args, PDict keywords) {
        this.func = func;
        this.args = args;
        this.keywords = keywords;
    }

    @Override
    public String typeName() {
        return "functools.partial";
    }

    @Override
    public String repr() {
        StringBuilder sb = new StringBuilder("functools.partial(").append(PyObjects.repr(func));
        for (Object a : args) {
            sb.append(", ").append(PyObjects.repr(a));
        }
        for (Object[] e : keywords.entries()) {
            sb.append(", ").append(e[0]).append('=').append(PyObjects.repr(e[1]));
        }
        return sb.append(')').toString();
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments) {
        return Calls.call(this, Interop.toJaxon(arguments));
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return repr();
    }
}
