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

    @Builtin("det(a)")
    public static Object det(Object a) {
        return LinAlg.det(Convert.asArray(a, jaxon.runtime.DType.FLOAT32));
    }

    @Builtin("solve(a, b)")
    public static Object solve(Object a, Object b) {
        return LinAlg.solve(Convert.asArray(a, jaxon.runtime.DType.FLOAT32), Convert.asArray(b, jaxon.runtime.DType.FLOAT32));
    }

    @Builtin("inv(a)")
    public static Object inv(Object a) {
        jaxon.runtime.NDArray m = Convert.asArray(a, jaxon.runtime.DType.FLOAT32);
        return LinAlg.solve(m, jaxon.ops.Creation.eye(m.shape[0], jaxon.runtime.PNone.NONE, 0, jaxon.runtime.DType.FLOAT32));
    }
}
