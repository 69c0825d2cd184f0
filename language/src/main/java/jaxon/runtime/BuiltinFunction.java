package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.lang.invoke.MethodHandle;

/** A function implemented in Java (see {@link Builtin}). */
@ExportLibrary(InteropLibrary.class)
public final class BuiltinFunction implements PyValue, com.oracle.truffle.api.interop.TruffleObject {
    public final Signature signature;
    private final MethodHandle target;
    private final String qualifiedName;

    public BuiltinFunction(Signature signature, MethodHandle spreadTarget, String qualifiedName) {
        this.signature = signature;
        this.target = spreadTarget;
        this.qualifiedName = qualifiedName;
    }

    public String name() {
        return signature.name;
    }

    /** The module-qualified name, e.g. jax.numpy.sin: the key of its differentiation rule. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** Calls with arguments already bound to the signature. */
    @TruffleBoundary
    public Object invoke(Object[] bound) {
        try {
            return target.invokeExact(bound);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @TruffleBoundary
    public Object call(Object[] args, String[] kwNames, Object[] kwValues) {
        return invoke(signature.bind(args, kwNames, kwValues));
    }

    @Override
    public String typeName() {
        return "builtin_function_or_method";
    }

    @Override
    public String repr() {
        return "<function " + qualifiedName + ">";
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
