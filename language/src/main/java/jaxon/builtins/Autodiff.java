package jaxon.builtins;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import jaxon.ops.Convert;
import jaxon.ops.ShapeOps;
import jaxon.runtime.Builtin;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.Calls;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.NDArray;
import jaxon.runtime.PFunction;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Signature;
import jaxon.transform.Transforms;

/**
 * jax.grad and the rest of the autodiff family, and jax.vmap. grad and value_and_grad return generated Jaxon
 * functions (see {@link jaxon.transform.ReverseMode}), so they compose (grad(grad(f))); vjp,
 * jacrev, jacfwd, hessian and jvp are built on the same generated vjp. jacfwd and jvp compute
 * with reverse mode too: the Jacobian is the same, the cost is one reverse sweep per output
 * element.
 */
public final class Autodiff {
    private Autodiff() {
    }

    @Builtin("grad(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)")
    public static Object grad(Object fun, Object argnums, Object hasAux, Object holomorphic, Object allowInt) {
        return Transforms.gradFunction(checkCallable(fun, "grad"), argnums(argnums), !isSequence(argnums), PyObjects.isTrue(hasAux), false, "grad");
    }

    @Builtin("value_and_grad(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)")
    public static Object valueAndGrad(Object fun, Object argnums, Object hasAux, Object holomorphic, Object allowInt) {
        return Transforms.gradFunction(checkCallable(fun, "value_and_grad"), argnums(argnums), !isSequence(argnums), PyObjects.isTrue(hasAux), true,
                "value_and_grad");
    }

    /** vmap(f, in_axes, out_axes): f over a batch, as a generated function (see jaxon.transform.Batching). */
    @Builtin("vmap(fun, in_axes=0, out_axes=0, axis_name=None, axis_size=None, spmd_axis_name=None)")
    public static Object vmap(Object fun, Object inAxes, Object outAxes, Object axisName, Object axisSize, Object spmdAxisName) {
        if (fun instanceof jaxon.runtime.PPartial p) {
            // partial(f, *bound, **kw): f batched with the bound arguments unmapped, then bound again
            int bound = p.args.length;
            Object[] axes = isSequence(inAxes) ? Iteration.toArray(inAxes) : inAxesFor(p.func, inAxes, bound);
            Object[] all = new Object[bound + axes.length];
            java.util.Arrays.fill(all, 0, bound, PNone.NONE);
            System.arraycopy(axes, 0, all, bound, axes.length);
            return new jaxon.runtime.PPartial(vmap(p.func, new PTuple(all), outAxes, axisName, axisSize, spmdAxisName), p.args, p.keywords);
        }
        checkCallable(fun, "vmap");
        Object[] axes = isSequence(inAxes) ? Iteration.toArray(inAxes) : inAxesFor(fun, inAxes, 0);
        if (java.util.Arrays.stream(axes).anyMatch(Autodiff::isTreeSpec)) {
            return treeAxesVmap(fun, axes, outAxes);
        }
        for (Object a : axes) {
            if (!(a instanceof Long) && a != PNone.NONE) {
                throw Errors.valueError("vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional "
                        + "arguments passed to the function, but got " + PyObjects.repr(inAxes) + ".");
            }
        }
        return Transforms.vmapFunction(fun, axes, outAxes);
    }

    private static boolean isTreeSpec(Object spec) {
        return spec instanceof PTuple || spec instanceof jaxon.runtime.PList || spec instanceof jaxon.runtime.PDict;
    }

    /**
     * vmap with in_axes entries that are pytrees (a dict of axes for a dict argument, ...): at each
     * call those arguments are brought to axis 0 leaf by leaf (a None leaf repeated for every
     * example), then f vmapped over axis 0 of them runs.
     */
    private static Object treeAxesVmap(Object fun, Object[] axes, Object outAxes) {
        Object[] flat = new Object[axes.length];
        for (int i = 0; i < axes.length; i++) {
            flat[i] = isTreeSpec(axes[i]) ? (Object) 0L : axes[i];
        }
        Object inner = vmap(fun, new PTuple(flat), outAxes, PNone.NONE, PNone.NONE, PNone.NONE);
        return callable("vmap", "vmap(*args)", a -> {
            Object[] args = Iteration.toArray(a[0]).clone();
            long n = -1;
            for (int i = 0; i < Math.min(args.length, axes.length) && n < 0; i++) {
                n = batchSize(args[i], axes[i]);
            }
            if (n < 0) {
                throw Errors.valueError("vmap must have at least one non-None value in in_axes");
            }
            for (int i = 0; i < Math.min(args.length, axes.length); i++) {
                if (isTreeSpec(axes[i])) {
                    args[i] = alignTree(args[i], axes[i], (int) n);
                }
            }
            return Calls.call(inner, args);
        });
    }

    /** The batch size a leaf with an int axis gives, or -1 where every axis is None. */
    private static long batchSize(Object value, Object spec) {
        if (spec instanceof Long axis) {
            for (Object leaf : leaves(value)) {
                NDArray x = Convert.asArray(leaf);
                return x.shape[jaxon.runtime.Shapes.axis((int) (long) axis, x.ndim())];
            }
            return -1;
        }
        if (spec == PNone.NONE) {
            return -1;
        }
        for (Object[] part : parts(value, spec)) {
            long n = batchSize(part[0], part[1]);
            if (n >= 0) {
                return n;
            }
        }
        return -1;
    }

    /** value with each leaf's mapped axis first, as its part of spec says (None: repeated n times). */
    private static Object alignTree(Object value, Object spec, int n) {
        if (spec instanceof Long || spec == PNone.NONE) {
            return mapLeaves(value, leaf -> {
                NDArray x = Convert.asArray(leaf);
                if (spec instanceof Long axis) {
                    return ShapeOps.moveaxis(x, (int) (long) axis, 0);
                }
                int[] shape = new int[x.ndim() + 1];
                shape[0] = n;
                System.arraycopy(x.shape, 0, shape, 1, x.ndim());
                return ShapeOps.broadcastTo(x.withShape(prependOne(x.shape)), shape);
            });
        }
        java.util.List<Object[]> parts = parts(value, spec);
        if (value instanceof jaxon.runtime.PDict d) {
            jaxon.runtime.PDict out = new jaxon.runtime.PDict();
            for (Object[] part : parts) {
                out.put(part[2], alignTree(part[0], part[1], n));
            }
            return out;
        }
        Object[] items = new Object[parts.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = alignTree(parts.get(i)[0], parts.get(i)[1], n);
        }
        return value instanceof PTuple ? new PTuple(items) : jaxon.runtime.PList.of(items);
    }

    private static int[] prependOne(int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = 1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    /** (value part, spec part, key) for each child of a container spec, checked against value's structure. */
    private static java.util.List<Object[]> parts(Object value, Object spec) {
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        if (spec instanceof jaxon.runtime.PDict ds && value instanceof jaxon.runtime.PDict dv) {
            for (Object[] e : dv.entries()) {
                Object sub = ds.get(e[0]);
                if (sub == null) {
                    throw Errors.valueError("vmap in_axes specification must be a tree prefix of the corresponding value, got specification "
                            + PyObjects.repr(spec) + " for value tree " + PyObjects.repr(value) + ".");
                }
                out.add(new Object[]{e[1], sub, e[0]});
            }
            return out;
        }
        if ((spec instanceof PTuple || spec instanceof jaxon.runtime.PList) && (value instanceof PTuple || value instanceof jaxon.runtime.PList)) {
            Object[] vs = Iteration.toArray(value);
            Object[] ss = Iteration.toArray(spec);
            if (vs.length == ss.length) {
                for (int i = 0; i < vs.length; i++) {
                    out.add(new Object[]{vs[i], ss[i], (long) i});
                }
                return out;
            }
        }
        throw Errors.valueError("vmap in_axes specification must be a tree prefix of the corresponding value, got specification "
                + PyObjects.repr(spec) + " for value tree " + PyObjects.repr(value) + ".");
    }

    private static java.util.List<Object> leaves(Object value) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        mapLeaves(value, leaf -> {
            out.add(leaf);
            return leaf;
        });
        return out;
    }

    private static Object mapLeaves(Object value, Function<Object, Object> f) {
        if (value instanceof jaxon.runtime.PDict d) {
            jaxon.runtime.PDict out = new jaxon.runtime.PDict();
            for (Object[] e : d.entries()) {
                out.put(e[0], mapLeaves(e[1], f));
            }
            return out;
        }
        if (value instanceof PTuple || value instanceof jaxon.runtime.PList) {
            Object[] items = Iteration.toArray(value);
            Object[] mapped = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                mapped[i] = mapLeaves(items[i], f);
            }
            return value instanceof PTuple ? new PTuple(mapped) : jaxon.runtime.PList.of(mapped);
        }
        return value == PNone.NONE ? value : f.apply(value);
    }

    /**
     * One in_axes for every argument of fun after the first skip: its required positional
     * parameters (those with defaults are usually left out of the call, and a default is not a
     * batch). The signature, not the syntax tree: generated functions such as grad(f) keep f's
     * defaults there.
     */
    private static Object[] inAxesFor(Object fun, Object inAxes, int skip) {
        checkCallable(fun, "vmap");
        Signature sig = fun instanceof PFunction p ? p.signature : ((BuiltinFunction) fun).signature;
        int n = 0;
        while (n < sig.positionalCount && sig.defaults[n] == null) {
            n++;
        }
        Object[] axes = new Object[Math.max(0, n - skip)];
        java.util.Arrays.fill(axes, inAxes);
        return axes;
    }

    /** vjp(f, *primals): (f(*primals), a function from the output's cotangent to the primals' cotangents). */
    @Builtin("vjp(fun, *primals, has_aux=False)")
    public static Object vjp(Object fun, Object primals, Object hasAux) {
        Object[] args = Iteration.toArray(primals);
        int[] all = new int[args.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        PFunction vjp = Transforms.vjp(checkCallable(fun, "vjp"), all);
        Object out = Calls.call(fun, args);
        Object pullback = callable("vjp_fun", "vjp_fun(ct)", a -> ((PTuple) Calls.call(vjp, prepend(a[0], args))).get(1));
        if (PyObjects.isTrue(hasAux)) {
            PTuple pair = (PTuple) out;
            return new PTuple(new Object[]{pair.get(0), pullback, pair.get(1)});
        }
        return new PTuple(new Object[]{out, pullback});
    }

    @Builtin("jacrev(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)")
    public static Object jacrev(Object fun, Object argnums, Object hasAux, Object holomorphic, Object allowInt) {
        return jacobianFunction(checkCallable(fun, "jacrev"), argnums, "jacrev");
    }

    /** jax.jacobian: JAX's name for jacrev. */
    @Builtin("jacobian(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)")
    public static Object jacobian(Object fun, Object argnums, Object hasAux, Object holomorphic, Object allowInt) {
        return jacobianFunction(checkCallable(fun, "jacobian"), argnums, "jacobian");
    }

    @Builtin("jacfwd(fun, argnums=0, has_aux=False, holomorphic=False)")
    public static Object jacfwd(Object fun, Object argnums, Object hasAux, Object holomorphic) {
        return jacobianFunction(checkCallable(fun, "jacfwd"), argnums, "jacfwd");
    }

    /** hessian(f) = the Jacobian of grad(f). */
    @Builtin("hessian(fun, argnums=0, has_aux=False, holomorphic=False)")
    public static Object hessian(Object fun, Object argnums, Object hasAux, Object holomorphic) {
        int[] nums = argnums(argnums);
        Object gradient = Transforms.gradFunction(checkCallable(fun, "hessian"), nums, !isSequence(argnums), false, false, "grad");
        return jacobianFunction(gradient, argnums, "hessian");
    }

    /** jvp(f, primals, tangents): (f(*primals), the directional derivative along tangents). */
    @Builtin("jvp(fun, primals, tangents, has_aux=False)")
    public static Object jvp(Object fun, Object primals, Object tangents, Object hasAux) {
        if (!(primals instanceof PTuple || primals instanceof jaxon.runtime.PList) || !(tangents instanceof PTuple || tangents instanceof jaxon.runtime.PList)) {
            throw Errors.typeError("primal and tangent arguments to jax.jvp must be tuples or lists; found "
                    + PyObjects.typeName(primals) + " and " + PyObjects.typeName(tangents) + ".");
        }
        Object[] args = Iteration.toArray(primals);
        Object[] dirs = Iteration.toArray(tangents);
        int[] all = new int[args.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        PFunction vjp = Transforms.vjp(checkCallable(fun, "jvp"), all);
        NDArray out = Convert.asArray(Calls.call(fun, args));
        float[] tangentOut = new float[out.size()];
        for (int i = 0; i < tangentOut.length; i++) {
            PTuple grads = (PTuple) ((PTuple) Calls.call(vjp, prepend(basis(out, i), args))).get(1);
            double dot = 0;
            for (int k = 0; k < args.length; k++) {
                NDArray gk = Convert.asArray(grads.get(k));
                NDArray tk = Convert.cast(Convert.asArray(dirs[k]), DType.FLOAT32);
                for (int j = 0; j < gk.size(); j++) {
                    dot += gk.getFloat(j) * tk.getFloat(tk.size() == 1 ? 0 : j);
                }
            }
            tangentOut[i] = (float) dot;
        }
        return new PTuple(new Object[]{out, new NDArray(DType.FLOAT32, out.shape, tangentOut, out.weakType)});
    }

    /** A function computing the Jacobian of fun, one reverse sweep per element of the output. */
    private static Object jacobianFunction(Object fun, Object argnums, String name) {
        int[] nums = argnums(argnums);
        boolean single = !isSequence(argnums);
        if (single && nums[0] == 0 && fun instanceof PFunction p && p.definition != null && p.definition.params().positional().size() == 1
                && p.definition.params().varargs() == null) {
            return Transforms.jacobianFunction(fun, name); // generated code: jacfwd(jacrev(f)) works
        }
        return callable(name, name + "(*args)", a -> {
            Object[] args = Iteration.toArray(a[0]);
            PFunction vjp = Transforms.vjp(fun, nums);
            NDArray out = Convert.asArray(Calls.call(fun, args));
            Object[] jacobians = new Object[nums.length];
            NDArray[][] rows = new NDArray[nums.length][out.size()];
            for (int i = 0; i < out.size(); i++) {
                PTuple grads = (PTuple) ((PTuple) Calls.call(vjp, prepend(basis(out, i), args))).get(1);
                for (int k = 0; k < nums.length; k++) {
                    rows[k][i] = Convert.asArray(grads.get(k));
                }
            }
            for (int k = 0; k < nums.length; k++) {
                NDArray x = Convert.asArray(args[nums[k]]);
                int[] shape = new int[out.ndim() + x.ndim()];
                System.arraycopy(out.shape, 0, shape, 0, out.ndim());
                System.arraycopy(x.shape, 0, shape, out.ndim(), x.ndim());
                NDArray stacked = out.size() == 0 ? NDArray.zeros(DType.FLOAT32, shape) : ShapeOps.stack(rows[k], 0L);
                jacobians[k] = ShapeOps.reshape(stacked, shape);
            }
            return single ? jacobians[0] : new PTuple(jacobians);
        });
    }

    /** The cotangent selecting element i of out. */
    private static NDArray basis(NDArray out, int i) {
        float[] e = new float[out.size()];
        e[i] = 1f;
        return NDArray.ofFloats(out.shape, e);
    }

    private static Object checkCallable(Object fun, String name) {
        if (!(fun instanceof PFunction || fun instanceof BuiltinFunction)) {
            throw Errors.typeError("Expected a callable value, got " + PyObjects.repr(fun));
        }
        return fun;
    }

    private static boolean isSequence(Object argnums) {
        return argnums instanceof PTuple || argnums instanceof jaxon.runtime.PList;
    }

    private static int[] argnums(Object argnums) {
        Object[] items = isSequence(argnums) ? Iteration.toArray(argnums) : new Object[]{argnums};
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = (int) PyObjects.toLong(items[i]);
        }
        return out;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** A builtin function backed by a Java lambda over its bound arguments. */
    private static BuiltinFunction callable(String name, String signature, Function<Object[], Object> body) {
        try {
            MethodHandle apply = MethodHandles.lookup().findVirtual(Function.class, "apply", MethodType.methodType(Object.class, Object.class));
            MethodHandle target = apply.bindTo(body).asType(MethodType.methodType(Object.class, Object[].class));
            return new BuiltinFunction(Signature.parse(signature), target, name);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
