package jaxon.builtins;

import jaxon.ops.Convert;
import jaxon.ops.LinAlg;
import jaxon.runtime.Builtin;
import jaxon.runtime.PyObjects;

/** jax.numpy.linalg. */
public final class LinalgModule {
    private LinalgModule() {
    }

    @Builtin("norm(x, ord=None, axis=None, keepdims=False)")
    public static Object norm(Object x, Object ord, Object axis, Object keepdims) {
        return LinAlg.norm(Convert.asArray(x), ord, axis, PyObjects.isTrue(keepdims));
    }
}
