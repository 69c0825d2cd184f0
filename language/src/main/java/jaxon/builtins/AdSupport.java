package jaxon.builtins;

import java.util.ArrayList;
import java.util.List;
import jaxon.ops.Creation;
import jaxon.runtime.Builtin;
import jaxon.runtime.Calls;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.NDArray;
import jaxon.runtime.PDict;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.PyValue;
import jaxon.runtime.Shapes;
import jaxon.transform.Transforms;

/**
 * The part of jaxon.ad (the runtime support of generated derivative code) that is written in Java:
 * the cotangent seed with JAX's checks and the run-time vjp of called functions. The rest is
 * stdlib/jaxon/ad.jx.
 */
public final class AdSupport {
    private AdSupport() {
    }

    /** Passed as the cotangent when the function returns (value, aux): only value is differentiated. */
    public static final PyValue HAS_AUX = new PyValue() {
        @Override
        public String typeName() {
            return "HasAux";
        }

        @Override
        public String repr() {
            return "ad.HAS_AUX";
        }
    };

    public static jaxon.runtime.PModule create() {
        jaxon.runtime.PModule m = new jaxon.runtime.PModule("jaxon.ad").addBuiltins(AdSupport.class);
        m.put("HAS_AUX", HAS_AUX);
        return m;
    }

    /**
     * What jit passes to ad.unbroadcast or ad.reduce_adjoint, which read only a shape, in place of
     * value(), an elementwise function of xs (see transform/Fusion): the x whose shape the
     * broadcast of theirs is; value() itself where an x is not an array or a number (Python's *
     * repeats a list, + concatenates) or no x has that shape.
     */
    @Builtin("shape_stand_in(value, *xs)")
    public static Object shapeStandIn(Object value, Object xs) {
        Object[] items = ((PTuple) xs).items();
        int[] shape = new int[0];
        for (Object x : items) {
            int[] s = x instanceof NDArray a ? a.shape : x instanceof Double || x instanceof Long || x instanceof Boolean ? new int[0] : null;
            shape = s == null ? null : Shapes.broadcast(shape, s);
            if (shape == null) {
                return Calls.call(value);
            }
        }
        for (Object x : items) {
            if (java.util.Arrays.equals(x instanceof NDArray a ? a.shape : new int[0], shape)) {
                return x;
            }
        }
        return Calls.call(value);
    }

    /**
     * The cotangent that starts the reverse sweep: ct when given, else 1.0 for the scalar result
     * out (JAX's errors for results that are not real scalars).
     */
    @Builtin("seed(out, ct)")
    public static Object seed(Object out, Object ct) {
        if (ct == HAS_AUX) {
            if (!(out instanceof PTuple t) || t.size() != 2) {
                throw Errors.typeError("has_aux=True requires the function to return a pair (output, auxiliary data), got "
                        + PyObjects.typeName(out) + ".");
            }
            return new PTuple(new Object[]{seed(t.get(0), PNone.NONE), PNone.NONE});
        }
        if (ct != PNone.NONE) {
            return ct;
        }
        if (out instanceof Double) {
            return NDArray.scalar(1f);
        }
        if (!(out instanceof NDArray a)) {
            throw Errors.typeError("Gradient only defined for scalar-output functions. Output was " + PyObjects.repr(out) + ".");
        }
        if (a.ndim() != 0) {
            throw Errors.typeError("Gradient only defined for scalar-output functions. Output had shape: " + Shapes.str(a.shape) + ". To get the gradient, "
                    + "reduce the output to a scalar with output.sum(), or use jax.jacobian to differentiate a function with a non-scalar output.");
        }
        if (a.dtype != DType.FLOAT32) {
            throw Errors.typeError("grad requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got "
                    + a.dtype + ". For holomorphic differentiation, pass holomorphic=True. For differentiation of non-holomorphic "
                    + "functions involving complex outputs, or function with integer outputs, use jax.vjp directly.");
        }
        return Creation.filled(new int[0], 1, DType.FLOAT32);
    }

    /** A gradient takes its argument's weak type: grad(f)(1.0) is a weakly typed float32, as in JAX. */
    @Builtin("match_weak(ct, x)")
    public static Object matchWeak(Object ct, Object x) {
        boolean weak = x instanceof Double || x instanceof NDArray a && a.weakType;
        if (ct instanceof NDArray g && g.weakType != weak) {
            return new NDArray(g.dtype, g.shape, g.data, weak);
        }
        return ct;
    }

    /** JAX's check that differentiated arguments are floating point (every leaf of a pytree). */
    @Builtin("check_inexact(args, name)")
    public static Object checkInexact(Object args, Object name) {
        for (Object a : Iteration.toArray(args)) {
            checkLeaf(a, PyObjects.str(name));
        }
        return PNone.NONE;
    }

    private static void checkLeaf(Object x, String name) {
        if (x instanceof PList || x instanceof PTuple) {
            for (Object v : Iteration.toArray(x)) {
                checkLeaf(v, name);
            }
            return;
        }
        if (x instanceof PDict d) {
            for (Object[] e : d.entries()) {
                checkLeaf(e[1], name);
            }
            return;
        }
        String dtype = x instanceof Double ? "float32" : x instanceof Long ? "int32" : x instanceof Boolean ? "bool"
                : x instanceof NDArray a ? a.dtype.jaxName : null;
        if (dtype == null) {
            throw Errors.typeError("Argument '" + PyObjects.repr(x) + "' of type " + PyObjects.typeName(x) + " is not a valid JAX type.");
        }
        if (!dtype.equals("float32")) {
            throw Errors.typeError(name + " requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got "
                    + dtype + ". If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.");
        }
    }

    /**
     * The cotangents of the arguments at positions of a call f(*args, **kwargs) whose result has
     * cotangent g: runs f's generated vjp (which recomputes f's forward sweep).
     */
    @Builtin("call_adjoint(f, args, kwargs, positions, ct)")
    public static Object callAdjoint(Object f, Object args, Object kwargs, Object positions, Object g) {
        return callAdjoint(f, args, kwargs, positions, g, false);
    }

    /** call_adjoint from jitted code (jit rewrites the call): f's vjp runs fused as well. */
    @Builtin("call_adjoint_fused(f, args, kwargs, positions, ct)")
    public static Object callAdjointFused(Object f, Object args, Object kwargs, Object positions, Object g) {
        return callAdjoint(f, args, kwargs, positions, g, true);
    }

    private static Object callAdjoint(Object f, Object args, Object kwargs, Object positions, Object g, boolean fused) {
        Object[] a = Iteration.toArray(args);
        Object[] pos = Iteration.toArray(positions);
        int[] argnums = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            argnums[i] = (int) PyObjects.toLong(pos[i]);
        }
        if (f instanceof jaxon.runtime.PPartial p) {
            Object[] all = new Object[p.args.length + a.length];
            System.arraycopy(p.args, 0, all, 0, p.args.length);
            System.arraycopy(a, 0, all, p.args.length, a.length);
            int[] shifted = argnums.clone();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] += p.args.length;
            }
            PDict merged = new PDict();
            for (Object[] e : p.keywords.entries()) {
                merged.put(e[0], e[1]);
            }
            for (Object[] e : ((PDict) kwargs).entries()) {
                merged.put(e[0], e[1]);
            }
            return callAdjoint(p.func, new PTuple(all), merged, positionsOf(shifted), g, fused);
        }
        if (f instanceof jaxon.runtime.BuiltinFunction b && b.qualifiedName().equals("jaxon.vm.call")) {
            return batchedCallAdjoint(a, argnums, g, fused);
        }
        Object vjp = fused ? Transforms.jitCallee(Transforms.vjp(f, argnums)) : Transforms.vjp(f, argnums);
        Object[] callArgs = new Object[a.length + 1];
        callArgs[0] = g;
        System.arraycopy(a, 0, callArgs, 1, a.length);
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Object[] e : ((PDict) kwargs).entries()) {
            names.add((String) e[0]);
            values.add(e[1]);
        }
        PTuple result = (PTuple) Calls.call(vjp, callArgs, names.toArray(new String[0]), values.toArray());
        return result.get(1);
    }

    /**
     * call_adjoint of vm.call(f, args, flags, kwargs), the call of a Jaxon function in vmapped
     * code: the vjp of f vmapped as flags say, with respect to every element of args; the
     * cotangent of the args tuple (position 1) is the tuple of theirs.
     */
    private static Object batchedCallAdjoint(Object[] callArgs, int[] argnums, Object g, boolean fused) {
        Object[] inner = Iteration.toArray(callArgs[1]);
        Object batched = VmSupport.batched(callArgs[0], callArgs[2]);
        int[] all = new int[inner.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Object cts = callAdjoint(batched, new PTuple(inner), callArgs[3], positionsOf(all), g, fused);
        Object[] out = new Object[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            out[i] = argnums[i] == 1 ? cts : PNone.NONE;
        }
        return new PTuple(out);
    }

    /** The generated vjp of f with respect to the argument positions. */
    @Builtin("vjp_of(f, positions)")
    public static Object vjpOf(Object f, Object positions) {
        Object[] pos = Iteration.toArray(positions);
        int[] argnums = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            argnums[i] = (int) PyObjects.toLong(pos[i]);
        }
        return Transforms.vjp(f, argnums);
    }

    private static PTuple positionsOf(int[] argnums) {
        Object[] out = new Object[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            out[i] = (long) argnums[i];
        }
        return new PTuple(out);
    }
}
