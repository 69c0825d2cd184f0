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
}
