package jaxon.builtins;

import jaxon.ops.Elementwise;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.Builtin;

/** jax.scipy.special. */
public final class SpecialModule {
    private SpecialModule() {
    }

    @Builtin("erf(x)")
    public static Object erf(Object x) {
        return Elementwise.unary(UnaryPrim.ERF, x);
    }

    @Builtin("erfinv(x)")
    public static Object erfinv(Object x) {
        return Elementwise.unary(UnaryPrim.ERF_INV, x);
    }
}
