package jaxon.transform;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jaxon.ast.Expr;
import jaxon.ast.Stmt;
import jaxon.builtins.NumpyModule;
import jaxon.parser.Parser;

/**
 * Batching rules: for each primitive, the Jaxon expression that computes it for a batch of
 * examples whose values carry the batch axis in front. In a rule, F is the primitive itself,
 * parameter names stand for the call's operands, f_NAME is 1 when that operand is batched,
 * ARGS and FLAGS are the positional operands and their flags, n is the batch size; vm is
 * stdlib/jaxon/vm.jx.
 */
final class BatchRules {
    private BatchRules() {
    }

    static final String ELEMENTWISE = "vm.elementwise(F, ARGS, FLAGS)";

    private static final String[][] RULES = {
        {"jax.numpy.where", ELEMENTWISE},
        {"jax.numpy.clip", ELEMENTWISE},
        {"jax.numpy.logaddexp", ELEMENTWISE},
        {"jax.numpy.deg2rad", ELEMENTWISE},
        {"jax.numpy.rad2deg", ELEMENTWISE},
        {"jax.numpy.isclose", ELEMENTWISE},
        {"jax.numpy.round", "F(a, decimals)"},
        {"jax.numpy.around", "F(a, decimals)"},
        {"jax.scipy.special.erf", ELEMENTWISE},
        {"jax.scipy.special.erfinv", ELEMENTWISE},
        {"builtins.abs", "F(x)"},
        {"jax.numpy.astype", "F(x, dtype)"},
        {"jax.numpy.asarray", "F(a, dtype)"},
        {"jax.numpy.array", "F(object, dtype)"},
        {"jax.numpy.zeros_like", "F(a, dtype)"},
        {"jax.numpy.ones_like", "F(a, dtype)"},
        {"jax.numpy.full_like", "vm.elementwise(F, (a, fill_value), (f_a, f_fill_value))"},
        // reductions over per-example axes
        {"jax.numpy.sum", "vm.reduce(F, a, axis, keepdims, where, initial, f_a, f_where)"},
        {"jax.numpy.mean", "vm.reduce(F, a, axis, keepdims, where, None, f_a, f_where)"},
        {"jax.numpy.prod", "vm.reduce(F, a, axis, keepdims, where, initial, f_a, f_where)"},
        {"jax.numpy.max", "vm.reduce(F, a, axis, keepdims, where, initial, f_a, f_where)"},
        {"jax.numpy.amax", "vm.reduce(F, a, axis, keepdims, where, initial, f_a, f_where)"},
        {"jax.numpy.min", "vm.reduce(F, a, axis, keepdims, where, initial, f_a, f_where)"},
        {"jax.numpy.amin", "vm.reduce(F, a, axis, keepdims, where, initial, f_a, f_where)"},
        {"jax.numpy.all", "vm.reduce(F, a, axis, keepdims, where, None, f_a, f_where)"},
        {"jax.numpy.any", "vm.reduce(F, a, axis, keepdims, where, None, f_a, f_where)"},
        {"jax.numpy.var", "F(a, axis=vm.batch_axis(axis, a), ddof=ddof, keepdims=keepdims)"},
        {"jax.numpy.std", "F(a, axis=vm.batch_axis(axis, a), ddof=ddof, keepdims=keepdims)"},
        {"jax.numpy.argmax", "vm.flat_reduce(F, a, axis)"},
        {"jax.numpy.argmin", "vm.flat_reduce(F, a, axis)"},
        {"jax.numpy.cumsum", "vm.flat_reduce(F, a, axis)"},
        {"jax.numpy.cumprod", "vm.flat_reduce(F, a, axis)"},
        {"jax.numpy.linalg.norm", "vm.norm(x, ord, axis, keepdims)"},
        {"builtins.sum", "jnp.sum(iterable, axis=1) if f_iterable and hasattr(iterable, 'shape') else F(iterable, start)"},
        // products
        {"jax.numpy.matmul", "vm.matmul(a, b, f_a, f_b)"},
        {"jax.numpy.dot", "vm.dot(a, b, f_a, f_b)"},
        {"jax.numpy.inner", "vm.einsum('i,i->', (a, b), (f_a, f_b))"},
        {"jax.numpy.vdot", "vm.einsum('i,i->', (vm.flatten(a, f_a), vm.flatten(b, f_b)), (f_a, f_b))"},
        {"jax.numpy.outer", "vm.einsum('i,j->ij', (a, b), (f_a, f_b))"},
        {"jax.numpy.einsum", "vm.einsum(subscripts, operands, f_operands)"},
        // shapes
        {"jax.numpy.reshape", "vm.reshape(a, shape)"},
        {"jax.numpy.ravel", "vm.reshape(a, -1)"},
        {"jax.numpy.transpose", "vm.transpose(a, axes)"},
        {"jax.numpy.permute_dims", "vm.transpose(a, axes)"},
        {"jax.numpy.expand_dims", "vm.expand_dims(a, axis)"},
        {"jax.numpy.squeeze", "vm.squeeze(a, axis)"},
        {"jax.numpy.swapaxes", "jnp.swapaxes(a, vm.batch_axis(axis1, a), vm.batch_axis(axis2, a))"},
        {"jax.numpy.moveaxis", "jnp.moveaxis(a, vm.batch_axis(source, a), vm.batch_axis(destination, a))"},
        {"jax.numpy.flip", "jnp.flip(m, vm.batch_axis(axis, m))"},
        {"jax.numpy.stack", "vm.stack(F, arrays, axis)"},
        {"jax.numpy.concatenate", "vm.stack(F, arrays, axis)"},
        {"jax.numpy.broadcast_to", "vm.broadcast_to(array, shape, f_array)"},
        {"jax.numpy.hstack", "jnp.concatenate(tup, axis=1 if jnp.ndim(tup[0]) == 2 else 2)"},
        {"jax.numpy.vstack", "jnp.stack(tup, axis=1) if jnp.ndim(tup[0]) == 2 else jnp.concatenate(tup, axis=1)"},
        {"jax.numpy.tile", "vm.tile(A, reps)"},
        {"jax.numpy.take", "vm.take(a, indices, axis)"},
        {"jax.Array.reshape", "vm.reshape(self, vm.method_args(shape))"},
        {"jax.Array.transpose", "vm.transpose(self, vm.method_args(axes))"},
        {"jax.Array.flatten", "vm.reshape(self, -1)"},
        {"jax.Array.astype", "F(self, dtype)"},
        {"jax.Array.copy", "self"},
        // the helpers of generated derivative code, so that vmap(grad(f)) works
        {"jaxon.ad.seed", "vm.seed(out, ct, f_out, f_ct)"},
        {"jaxon.ad.check_inexact", "F(args, name)"},
        {"jaxon.ad.call_adjoint", "vm.call_adjoint(f, args, kwargs, positions, ct, f_args, f_ct)"},
        {"jaxon.ad.add", "F(a, b)"},
        {"jaxon.ad.match_weak", "F(ct, x)"},
        {"jaxon.as_array", "F(x)"},
        {"jaxon.ad.item", "None if ct is None else vm.index(ct, i)"},
        {"jaxon.ad.sequence", "F(xs)"},
        {"jaxon.ad.cast_like", "F(ct, x)"},
        {"jaxon.ad.unbroadcast", "vm.unbroadcast(ct, x, f_ct, f_x, n)"},
        {"jaxon.ad.zeros_like_tree", "vm.zeros_like_tree(ct, x, f_ct, f_x, n)"},
        {"jaxon.ad.index_adjoint", "vm.index_adjoint(ct, x, index, f_ct, f_x, n)"},
        {"jaxon.ad.reduce_adjoint", "vm.reduce_adjoint(ct, a, axis, keepdims, f_ct, f_a, n)"},
    };

    private static final Map<String, String> TABLE = new HashMap<>();
    private static final Map<String, Expr> PARSED = new ConcurrentHashMap<>();

    static {
        for (String[] row : RULES) {
            TABLE.put(row[0], row[1]);
        }
        // Every elementwise primitive of jax.numpy batches the same way.
        for (String name : NumpyModule.elementwiseNames()) {
            TABLE.putIfAbsent("jax.numpy." + name, ELEMENTWISE);
        }
    }

    /** The rule's source, or null when the primitive has none. */
    static String rule(String qualifiedName) {
        if (qualifiedName != null && qualifiedName.startsWith("jax.random.")) {
            return "vm.per_example(F, ARGS, FLAGS, n)"; // a batch of keys: one draw per key
        }
        return TABLE.get(qualifiedName);
    }

    static Expr parsed(String rule) {
        return PARSED.computeIfAbsent(rule, r -> ((Stmt.ExprStmt) Parser.parse(r, "<batching rule>").body().get(0)).value());
    }
}
