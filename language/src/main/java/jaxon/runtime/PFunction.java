package jaxon.runtime;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import jaxon.ast.Stmt;

/**
 * A function written in Jaxon: its compiled body, its signature (with defaults evaluated when the
 * def ran), the cells it closes over, and its module. It keeps its syntax tree so that grad and
 * vmap can rewrite it.
 */
@ExportLibrary(InteropLibrary.class)
public final class PFunction implements PyValue, TruffleObject {
    public final String name;
    public final RootCallTarget target;
    public final Signature signature;
    public final Cell[] closure;
    public final PModule module;
    /** The def (or a Return wrapping a lambda's body); null for generated code without a tree. */
    public final Stmt.FunctionDef definition;
    /** True when every call can skip Signature.bind: positional parameters only, no defaults. */
    public final boolean simpleSignature;
    /** Attributes set on the function object (f.calls = 0), created on first use. */
    public java.util.Map<String, Object> attributes;

    public PFunction(String name, RootCallTarget target, Signature signature, Cell[] closure, PModule module, Stmt.FunctionDef definition) {
        this.name = name;
        this.target = target;
        this.signature = signature;
        this.closure = closure;
        this.module = module;
        this.definition = definition;
        boolean simple = signature.varargsIndex < 0 && signature.kwargsIndex < 0 && signature.positionalCount == signature.names.length;
        for (Object d : signature.defaults) {
            simple &= d == null;
        }
        this.simpleSignature = simple;
    }

    @Override
    public String typeName() {
        return "function";
    }

    @Override
    public String repr() {
        return "<function " + name + ">";
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
