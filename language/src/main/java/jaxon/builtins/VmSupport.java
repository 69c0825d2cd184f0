package jaxon.builtins;

import jaxon.runtime.Builtin;
import jaxon.runtime.Calls;
import jaxon.runtime.Iteration;
import jaxon.runtime.PDict;
import jaxon.runtime.PModule;
import jaxon.runtime.PNone;
import jaxon.runtime.PyObjects;
import jaxon.transform.Transforms;

/**
 * The part of jaxon.vm (the runtime support of vmapped code) written in Java: vmapping a called
 * function at run time. The rest is stdlib/jaxon/vm.jx.
 */
public final class VmSupport {
    private VmSupport() {
    }

    public static PModule create() {
        return new PModule("jaxon.vm").addBuiltins(VmSupport.class);
    }

    /** f(*args, **kwargs) for every example, where flags say which arguments are batched (axis 0). */
    @Builtin("call(f, args, flags, kwargs)")
    public static Object call(Object f, Object args, Object flags, Object kwargs) {
        Object[] a = Iteration.toArray(args);
        Object batched = batched(f, flags);
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (Object[] e : ((PDict) kwargs).entries()) {
            names.add((String) e[0]);
            values.add(e[1]);
        }
        return Calls.call(batched, a, names.toArray(new String[0]), values.toArray());
    }

    /** f vmapped over axis 0 of the arguments whose flags are true. */
    static Object batched(Object f, Object flags) {
        Object[] fl = Iteration.toArray(flags);
        Object[] axes = new Object[fl.length];
        for (int i = 0; i < fl.length; i++) {
            axes[i] = PyObjects.isTrue(fl[i]) ? (Object) 0L : PNone.NONE;
        }
        return Transforms.vmapFunction(f, axes, 0L);
    }

    /** b @ a.T without transposing a: a batch of matrix-vector products a @ b[i] in one pass. */
    @Builtin("matmul_transposed(b, a)")
    public static Object matmulTransposed(Object b, Object a) {
        return jaxon.ops.LinAlg.matmulTransposed(jaxon.ops.Convert.asArray(b), jaxon.ops.Convert.asArray(a));
    }
}
