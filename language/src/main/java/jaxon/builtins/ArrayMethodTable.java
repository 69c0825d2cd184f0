package jaxon.builtins;

import java.util.Set;
import jaxon.JaxonContext;
import jaxon.ops.Convert;
import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PModule;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;

/** Methods of arrays whose form differs from the jax.numpy function, and the list of those that do not. */
public final class ArrayMethodTable {
    private ArrayMethodTable() {
    }

    private static final PModule OWN = new PModule("jax.Array").addBuiltins(ArrayMethodTable.class);

    /** Methods that are jnp.NAME(x, ...) with the array as first argument. */
    private static final Set<String> FROM_NUMPY = Set.of("sum", "prod", "mean", "var", "std", "max", "min", "argmax", "argmin",
            "all", "any", "cumsum", "cumprod", "ravel", "squeeze", "swapaxes", "clip", "round", "dot", "take", "repeat", "trace",
            "nonzero", "conj", "conjugate", "argsort", "sort");

    /** The builtin for x.name, or null. */
    public static Object lookup(String name) {
        Object own = OWN.get(name);
        if (own != null) {
            return own;
        }
        return FROM_NUMPY.contains(name) ? JaxonContext.get(null).importModule("jax.numpy").get(name) : null;
    }

    private static Object jnp(String name) {
        return JaxonContext.get(null).importModule("jax.numpy").get(name);
    }

    private static Object call(String name, Object... args) {
        return jaxon.runtime.Calls.call(jnp(name), args);
    }

    /** x.reshape(2, 3) or x.reshape((2, 3)). */
    @Builtin("reshape(self, *shape, order='C')")
    public static Object reshape(Object self, Object shape, Object order) {
        PTuple s = (PTuple) shape;
        return call("reshape", self, s.size() == 1 ? s.get(0) : s);
    }

    /** x.transpose(), x.transpose(1, 0) or x.transpose((1, 0)). */
    @Builtin("transpose(self, *axes)")
    public static Object transpose(Object self, Object axes) {
        PTuple a = (PTuple) axes;
        return call("transpose", self, a.size() == 0 ? PNone.NONE : a.size() == 1 ? a.get(0) : a);
    }

    @Builtin("astype(self, dtype)")
    public static Object astype(Object self, Object dtype) {
        return Convert.cast((NDArray) self, Convert.dtypeArg(dtype));
    }

    @Builtin("flatten(self)")
    public static Object flatten(Object self) {
        return call("ravel", self);
    }

    @Builtin("copy(self)")
    public static Object copy(Object self) {
        return self;
    }

    @Builtin("block_until_ready(self)")
    public static Object blockUntilReady(Object self) {
        return self;
    }

    @Builtin("__setitem__(self, index, value)")
    public static Object setItem(Object self, Object index, Object value) {
        jaxon.runtime.Subscripts.set(self, index, value);
        return PNone.NONE;
    }

    @Builtin("item(self, *args)")
    public static Object item(Object self, Object args) {
        NDArray a = (NDArray) self;
        if (a.size() != 1) {
            throw Errors.valueError("can only convert an array of size 1 to a Python scalar");
        }
        return a.getPython(0);
    }

    @Builtin("tolist(self)")
    public static Object tolist(Object self) {
        NDArray a = (NDArray) self;
        return tolist(a, 0, 0);
    }

    private static Object tolist(NDArray a, int dim, int offset) {
        if (dim == a.ndim()) {
            return a.getPython(offset);
        }
        int stride = 1;
        for (int d = dim + 1; d < a.ndim(); d++) {
            stride *= a.shape[d];
        }
        jaxon.runtime.PList out = new jaxon.runtime.PList();
        for (int i = 0; i < a.shape[dim]; i++) {
            out.items.add(tolist(a, dim + 1, offset + i * stride));
        }
        return out;
    }

    /** Used by x.T. */
    public static Object transpose(NDArray a, PTuple axes) {
        return transpose((Object) a, axes);
    }

    @Builtin("__format__(self, spec)")
    public static Object format(Object self, Object spec) {
        return jaxon.runtime.format.PyFormat.format(self, PyObjects.str(spec));
    }
}
