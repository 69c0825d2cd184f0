package jaxon.builtins;

import com.oracle.truffle.api.Truffle;
import jaxon.runtime.Builtin;

/** The jaxon module: things only Jaxon has (engine facts; later, the source of transformed functions). */
public final class JaxonModule {
    private JaxonModule() {
    }

    /** "GraalVM CE" when Truffle's optimizing runtime is active, "Interpreted" on the fallback. */
    @Builtin("engine_name()")
    public static Object engineName() {
        return Truffle.getRuntime().getName();
    }

    /** The source of a function as Jaxon code; for grad(f) and other generated functions, the code the transformation wrote. */
    @Builtin("source(f)")
    public static Object source(Object f) {
        if (!(f instanceof jaxon.runtime.PFunction p)) {
            throw jaxon.runtime.Errors.typeError("source() needs a function written in Jaxon, got " + jaxon.runtime.PyObjects.repr(f));
        }
        return jaxon.transform.Transforms.source(p);
    }

    /** Runs a loop that jit fused (see jaxon.transform.Fusion) over its operands. */
    @Builtin("fused(kernel, operands)")
    public static Object fused(Object kernel, Object operands) {
        return ((jaxon.nodes.FusedKernel) kernel).apply(((jaxon.runtime.PTuple) operands).items());
    }
}
