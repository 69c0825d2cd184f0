package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** A method looked up on a value (x.sum, lst.append): calling it passes the value first. */
@ExportLibrary(InteropLibrary.class)
public final class BoundMethod implements PyValue, TruffleObject {
    public final Object self;
    public final Object function;

    public BoundMethod(Object self, Object function) {
        this.self = self;
        this.function = function;
    }

    @Override
    public String typeName() {
        return "builtin_function_or_method";
    }

    @Override
    public String repr() {
        String name = function instanceof BuiltinFunction b ? b.name() : PyObjects.repr(function);
        return "<built-in method " + name + " of " + PyObjects.typeName(self) + " object>";
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
