package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A built-in Python type (int, float, str, list, ...): usable with isinstance and type(), and
 * callable as its constructor.
 */
@ExportLibrary(InteropLibrary.class)
public final class PyType implements PyValue, TruffleObject, Calls.Callable {
    public final String name;
    private final String qualifiedName;
    private final BuiltinFunction constructor;

    public PyType(String name, String qualifiedName, BuiltinFunction constructor) {
        this.name = name;
        this.qualifiedName = qualifiedName;
        this.constructor = constructor;
    }

    /** isinstance(value, this). */
    public boolean isInstance(Object value) {
        String t = PyObjects.typeName(value);
        if (t.equals(name)) {
            return true;
        }
        return name.equals("int") && value instanceof Boolean || name.equals("object");
    }

    @Override
    public Object call(Object[] args, String[] kwNames, Object[] kwValues) {
        if (constructor == null) {
            throw Errors.typeError("cannot create '" + name + "' instances");
        }
        return constructor.call(args, kwNames, kwValues);
    }

    @Override
    public String typeName() {
        return "type";
    }

    @Override
    public String repr() {
        return "<class '" + qualifiedName + "'>";
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
