package jaxon.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jaxon.JaxonContext;
import jaxon.ast.Embedded;
import jaxon.ast.Expr;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.parser.Parser;

/**
 * Reverse-mode rules, one row per differentiable primitive: for each parameter, the expression
 * of its cotangent in terms of the cotangent g of the result, the result y and the primitive's
 * parameters (named as in its signature); "None" marks a parameter that only contributes its
 * shape. Builtins are keyed by their qualified name, functions
 * written in Jaxon by module and name (they need a row only where JAX defines a custom rule; the
 * others are differentiated through their code). Rules are Jaxon source, parsed once; `jnp` is
 * jax.numpy and `ad` the helpers in stdlib/jaxon/ad.jx, where gradients of broadcasting are
 * summed back to the operand's shape (ad.unbroadcast) in one place.
 */
final class AdRules {
    private AdRules() {
    }

    private static final String[][] RULES = {
        // elementwise, one operand: JAX's own derivative rules (jax/_src/lax) in the order its
        // backward pass evaluates them (the transpose of the rule, linear in g), so that
        // gradients round as JAX's do (jnp functions made from UnaryPrim: parameter x)
        {"jax.numpy.negative", "x", "-g"},
        {"jax.numpy.positive", "x", "g"},
        {"jax.numpy.abs", "x", "jnp.where(x >= 0, g, -g)"},
        {"builtins.abs", "x", "jnp.where(x >= 0, g, -g)"},
        {"jax.numpy.square", "x", "g * 2 * x"},
        {"jax.numpy.sqrt", "x", "g * (0.5 / y)"},
        {"jax.numpy.rsqrt", "x", "g * (-0.5 * (y / x))"},
        {"jax.numpy.cbrt", "x", "g * (0.3333333333333333 * y ** -2)"},
        {"jax.numpy.reciprocal", "x", "g * (-1.0 * x ** -2)"},
        {"jax.numpy.exp", "x", "g * y"},
        {"jax.numpy.expm1", "x", "g * (y + 1)"},
        {"jax.numpy.log", "x", "g / x"},
        {"jax.numpy.log1p", "x", "g / (1 + x)"},
        {"jax.numpy.log2", "x", "g / x * (1 / jnp.log(2.0))"},
        {"jax.numpy.log10", "x", "g / x * (1 / jnp.log(10.0))"},
        {"jax.numpy.sin", "x", "g * jnp.cos(x)"},
        {"jax.numpy.cos", "x", "-g * jnp.sin(x)"},
        {"jax.numpy.tan", "x", "g * (1 + y * y)"},
        {"jax.numpy.arcsin", "x", "g / jnp.sqrt(1 - x * x)"},
        {"jax.numpy.arccos", "x", "-g / jnp.sqrt(1 - x * x)"},
        {"jax.numpy.arctan", "x", "g / (1 + x * x)"},
        {"jax.numpy.sinh", "x", "g * jnp.cosh(x)"},
        {"jax.numpy.cosh", "x", "g * jnp.sinh(x)"},
        {"jax.numpy.tanh", "x", "(g + g * y) * (1 - y)"},
        {"jax.numpy.arcsinh", "x", "g / jnp.sqrt(x * x + 1)"},
        {"jax.numpy.arccosh", "x", "g / jnp.sqrt(x * x - 1)"},
        {"jax.numpy.arctanh", "x", "g / (1 - x * x)"},
        {"jax.numpy.deg2rad", "x", "g * 0.017453292519943295"},
        {"jax.numpy.rad2deg", "x", "g * 57.29577951308232"},
        {"jax.scipy.special.erf", "x", "g * 1.1283791670955126 * jnp.exp(-x * x)"},
        {"jax.numpy._erfc", "x", "g * -1.1283791670955126 * jnp.exp(-x * x)"},
        {"jax.scipy.special.erfinv", "x", "g * 0.886226925452758 * jnp.exp(y * y)"},
        // elementwise, two operands (parameters x1, x2; Python's operators use the same rows)
        {"jax.numpy.add", "x1", "ad.unbroadcast(g, x1)", "x2", "ad.unbroadcast(g, x2)"},
        {"jax.numpy.subtract", "x1", "ad.unbroadcast(g, x1)", "x2", "ad.unbroadcast(-g, x2)"},
        {"jax.numpy.multiply", "x1", "ad.unbroadcast(g * x2, x1)", "x2", "ad.unbroadcast(g * x1, x2)"},
        {"jax.numpy.divide", "x1", "ad.unbroadcast(g / x2, x1)", "x2", "ad.unbroadcast(-(g * x2 ** -2 * x1), x2)"},
        {"jax.numpy.remainder", "x1", "ad.unbroadcast(g, x1)"},
        {"jax.numpy.power", "x1", "ad.unbroadcast(g * (x2 * x1 ** (x2 - 1)), x1)", "x2", "ad.unbroadcast(g * jnp.log(x1) * y, x2)"},
        {"jax.numpy.maximum", "x1", "ad.unbroadcast(g * ad.balanced_eq(x1, y, x2), x1)", "x2", "ad.unbroadcast(g * ad.balanced_eq(x2, y, x1), x2)"},
        {"jax.numpy.minimum", "x1", "ad.unbroadcast(g * ad.balanced_eq(x1, y, x2), x1)", "x2", "ad.unbroadcast(g * ad.balanced_eq(x2, y, x1), x2)"},
        {"jax.numpy.arctan2", "x1", "ad.unbroadcast(g * x2 / (x1 * x1 + x2 * x2), x1)", "x2", "ad.unbroadcast(-g * x1 / (x1 * x1 + x2 * x2), x2)"},
        {"jax.numpy.hypot", "x1", "ad.unbroadcast(g * x1 / y, x1)", "x2", "ad.unbroadcast(g * x2 / y, x2)"},
        {"jax.numpy.logaddexp", "x1", "ad.unbroadcast(g * jnp.exp(x1 - y), x1)", "x2", "ad.unbroadcast(g * jnp.exp(x2 - y), x2)"},
        {"jax.numpy.matmul", "a", "ad.matmul_lhs(g, a, b)", "b", "ad.matmul_rhs(g, a, b)"},
        {"jax.numpy.dot", "a", "ad.dot_lhs(g, a, b)", "b", "ad.dot_rhs(g, a, b)"},
        {"jax.numpy.inner", "a", "ad.dot_lhs(g, a, b)", "b", "ad.dot_rhs(g, a, b)"},
        {"jax.numpy.vdot", "a", "jnp.reshape(g * b, jnp.shape(a))", "b", "jnp.reshape(g * a, jnp.shape(b))"},
        {"jax.numpy.outer", "a", "jnp.reshape(jnp.dot(g, jnp.ravel(b)), jnp.shape(a))", "b", "jnp.reshape(jnp.dot(jnp.ravel(a), g), jnp.shape(b))"},
        {"jax.numpy.einsum", "operands", "ad.einsum_adjoint(g, subscripts, operands)"},
        {"jax.numpy.where", "condition", "None", "x", "ad.unbroadcast(jnp.where(condition, g, 0.0), x)", "y", "ad.unbroadcast(jnp.where(condition, 0.0, g), y)"},
        {"jax.numpy.clip", "arr", "ad.clip_adjoint(g, arr, min, max)"},
        // reductions
        {"jax.numpy.sum", "a", "ad.masked_adjoint(ad.reduce_adjoint(g, a, axis, keepdims), where)", "initial", "None", "where", "None"},
        {"jax.numpy.mean", "a", "ad.masked_adjoint(ad.reduce_adjoint(g / ad.masked_count(a, axis, keepdims, where), a, axis, keepdims), where)",
            "where", "None"},
        {"jax.numpy.max", "a", "ad.unmasked('max', where, initial, ad.extremum_adjoint(g, a, y, axis, keepdims))", "initial", "None", "where", "None"},
        {"jax.numpy.amax", "a", "ad.unmasked('amax', where, initial, ad.extremum_adjoint(g, a, y, axis, keepdims))", "initial", "None", "where", "None"},
        {"jax.numpy.min", "a", "ad.unmasked('min', where, initial, ad.extremum_adjoint(g, a, y, axis, keepdims))", "initial", "None", "where", "None"},
        {"jax.numpy.amin", "a", "ad.unmasked('amin', where, initial, ad.extremum_adjoint(g, a, y, axis, keepdims))", "initial", "None", "where", "None"},
        {"jax.numpy.prod", "a", "ad.unmasked('prod', where, initial, ad.reduce_adjoint(g * y, a, axis, keepdims) / a)", "initial", "None", "where", "None"},
        {"jax.numpy.var", "a", "ad.reduce_adjoint(g, a, axis, keepdims) * 2 * (a - jnp.mean(a, axis=axis, keepdims=True)) / (ad.reduced_count(a, axis) - ddof)"},
        {"jax.numpy.std", "a", "ad.reduce_adjoint(g / (2 * y), a, axis, keepdims) * 2 * (a - jnp.mean(a, axis=axis, keepdims=True)) / (ad.reduced_count(a, axis) - ddof)"},
        {"jax.numpy.cumsum", "a", "ad.cumsum_adjoint(g, a, axis)"},
        {"jax.numpy.trace", "a", "g * jnp.eye(jnp.shape(a)[0], jnp.shape(a)[1], k=offset)"},
        {"jax.numpy.linalg.norm", "x", "ad.norm_adjoint(g, x, y, ord, axis, keepdims)"},
        {"builtins.sum", "iterable", "ad.sum_adjoint(g, iterable)"},
        {"builtins.zip", "iterables", "ad.zip_adjoint(g, iterables)"},
        {"builtins.max", "args", "ad.pick_adjoint(g, args, y)"},
        {"builtins.min", "args", "ad.pick_adjoint(g, args, y)"},
        {"builtins.enumerate", "iterable", "ad.enumerate_adjoint(g, iterable)"},
        // shapes, indexing, conversion
        {"jax.numpy.reshape", "a", "jnp.reshape(g, jnp.shape(a))"},
        {"jax.numpy.ravel", "a", "jnp.reshape(g, jnp.shape(a))"},
        {"jax.numpy.expand_dims", "a", "jnp.reshape(g, jnp.shape(a))"},
        {"jax.numpy.squeeze", "a", "jnp.reshape(g, jnp.shape(a))"},
        {"jax.numpy.transpose", "a", "ad.transpose_adjoint(g, axes)"},
        {"jax.numpy.permute_dims", "a", "ad.transpose_adjoint(g, axes)"},
        {"jax.numpy.swapaxes", "a", "jnp.swapaxes(g, axis1, axis2)"},
        {"jax.numpy.moveaxis", "a", "jnp.moveaxis(g, destination, source)"},
        {"jax.numpy.flip", "m", "jnp.flip(g, axis)"},
        {"jax.numpy.broadcast_to", "array", "ad.unbroadcast(g, array)"},
        {"jax.numpy.tile", "A", "ad.tile_adjoint(g, A, reps)"},
        {"jax.numpy.stack", "arrays", "ad.unstack(g, arrays, axis)"},
        {"jax.numpy.concatenate", "arrays", "ad.unconcatenate(g, arrays, axis)"},
        {"jax.numpy.hstack", "tup", "ad.unconcatenate(g, tup, 0 if jnp.ndim(tup[0]) == 1 else 1)"},
        {"jax.numpy.vstack", "tup", "ad.unstack(g, tup, 0) if jnp.ndim(tup[0]) == 1 else ad.unconcatenate(g, tup, 0)"},
        {"jax.numpy.split", "ary", "ad.split_adjoint(g, y, axis)"},
        {"jax.numpy.take", "a", "ad.take_adjoint(g, a, indices, axis)"},
        {"jax.numpy.astype", "x", "ad.cast_like(g, x)"},
        {"jax.numpy.asarray", "a", "ad.array_adjoint(g, a)"},
        {"jax.numpy.array", "object", "ad.array_adjoint(g, object)"},
        {"jax.numpy.full", "fill_value", "ad.unbroadcast(g, fill_value)"},
        {"jax.numpy.full_like", "fill_value", "ad.unbroadcast(g, fill_value)"},
        {"jax.Array.reshape", "self", "jnp.reshape(g, jnp.shape(self))"},
        {"jax.Array.flatten", "self", "jnp.reshape(g, jnp.shape(self))"},
        {"jax.Array.transpose", "self", "ad.transpose_adjoint(g, ad.method_axes(axes))"},
        {"jax.Array.astype", "self", "ad.cast_like(g, self)"},
        {"jax.Array.copy", "self", "g"},
        // functions written in Jaxon whose JAX definition has its own derivative rule
        {"jax.nn.relu", "x", "jnp.where(x > 0, g, 0.0)"},
        {"jax.numpy._logistic", "x", "g * (y * (1 - y))"},
        {"jax.nn.softplus", "x", "g * jnp.exp(x - y)"},
        {"jax.nn.softmax", "x", "y * g - y * jnp.sum(y * g, axis=axis, keepdims=True)"},
        // helpers of generated code that work on containers, so that generated code can be differentiated again
        {"jaxon.ad.add", "a", "g", "b", "g"},
        {"jaxon.ad.zeros_like_tree", "ct", "g", "x", "None"},
        {"jaxon.ad.sequence", "xs", "g"},
        {"jaxon.ad.match_weak", "ct", "g", "x", "None"},
        {"jaxon.as_array", "x", "g"},
        {"jaxon.ad.call_adjoint", "args", "ad.call_adjoint_vjp(f, args, kwargs, positions, ct, g)[0]",
            "ct", "ad.call_adjoint_vjp(f, args, kwargs, positions, ct, g)[1]"},
        {"jaxon.ad.item", "ct", "ad.index_adjoint(g, ct, i)"},
        {"jaxon.ad.index_adjoint", "ct", "ad.item(g, index)", "x", "None"},
        {"jaxon.ad.unbroadcast", "ct", "jnp.broadcast_to(g, jnp.shape(ct))", "x", "None"},
        {"jaxon.ad.reduce_adjoint", "ct", "jnp.sum(g, axis=axis, keepdims=keepdims)", "a", "None"},
        // helpers of vmapped code, so that grad can differentiate a function that uses vmap
        {"jaxon.vm.finish", "out", "vm.unfinish(g, out, batched_flag, axis)"},
        {"jaxon.vm.unfinish", "ct", "vm.refinish(g, out, batched_flag, axis)", "out", "None"},
        {"jaxon.vm.zeros_like_tree", "ct", "g", "x", "None"},
        {"jaxon.vm.move_in", "x", "jnp.moveaxis(g, 0, axis)"},
        {"jaxon.vm.batched", "x", "jnp.sum(g, axis=0)"},
        {"jaxon.vm.matmul_transposed", "b", "jnp.matmul(g, a)", "a", "jnp.matmul(jnp.transpose(g), b)"},
    };

    /**
     * Primitives whose results carry no derivative (integers, booleans, shapes, constants, keys,
     * and piecewise-constant functions such as floor, whose derivative is zero).
     */
    private static final Set<String> NOT_DIFFERENTIABLE = Set.of(
            "jax.numpy.sign", "jax.numpy.floor", "jax.numpy.ceil", "jax.numpy.round", "jax.numpy.around", "jax.numpy.trunc",
            "jax.numpy.floor_divide", "jax.numpy.argmax", "jax.numpy.argmin", "jax.numpy.shape", "jax.numpy.ndim", "jax.numpy.size",
            "jax.numpy.zeros", "jax.numpy.ones", "jax.numpy.empty", "jax.numpy.zeros_like", "jax.numpy.ones_like", "jax.numpy.empty_like",
            "jax.numpy.arange", "jax.numpy.linspace", "jax.numpy.eye", "jax.numpy.identity", "jax.numpy.isnan", "jax.numpy.isinf",
            "jax.numpy.isfinite", "jax.numpy.equal", "jax.numpy.not_equal", "jax.numpy.less", "jax.numpy.less_equal", "jax.numpy.greater",
            "jax.numpy.greater_equal", "jax.numpy.logical_and", "jax.numpy.logical_or", "jax.numpy.logical_xor", "jax.numpy.logical_not",
            "jax.numpy.isclose", "jax.numpy.allclose", "jax.numpy.array_equal", "jax.numpy.nonzero", "jax.numpy.all", "jax.numpy.any",
            "jax.numpy.argsort", "jax.numpy.bitwise_and", "jax.numpy.bitwise_or", "jax.numpy.bitwise_xor", "jax.numpy.invert",
            "jax.numpy.left_shift", "jax.numpy.right_shift", "jax.Array.item", "jax.Array.tolist", "jax.Array.block_until_ready",
            "jax.block_until_ready", "jax.lax.stop_gradient",
            "builtins.len", "builtins.range", "builtins.print", "builtins.isinstance", "builtins.repr", "builtins.round",
            "builtins.sorted", "builtins.hasattr", "builtins.id",
            "jaxon.ad.seed", "jaxon.ad.seed_aux", "jaxon.ad.check_inexact", "jaxon.ad.reduced_count", "jaxon.ad.balanced_eq",
            "jaxon.vm.batch_size", "jaxon.vm.shape", "jaxon.vm.ndim", "jaxon.vm.size", "jaxon.vm.length",
            "jaxon.vm.per_example_ndim", "jaxon.vm.example_shape", "jaxon.vm.batch_axis");

    private static final Map<String, Map<String, Expr>> TABLE = new HashMap<>();

    static {
        for (String[] row : RULES) {
            Map<String, Expr> params = new HashMap<>();
            for (int i = 1; i < row.length; i += 2) {
                params.put(row[i], parse(row[i + 1]));
            }
            TABLE.put(row[0], params);
        }
    }

    private static Expr parse(String source) {
        Stmt s = Parser.parse(source, "<rule>").body().get(0);
        return ((Stmt.ExprStmt) s).value();
    }

    /** The cotangent templates of a primitive by parameter name, or null when it has none. */
    static Map<String, Expr> rule(String qualifiedName) {
        return TABLE.get(qualifiedName);
    }

    static boolean notDifferentiable(String qualifiedName) {
        return NOT_DIFFERENTIABLE.contains(qualifiedName);
    }

    /** The jax.numpy function behind a Python operator, whose rule the operator uses. */
    static String operatorFunction(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> "jax.numpy.add";
            case SUB -> "jax.numpy.subtract";
            case MUL -> "jax.numpy.multiply";
            case DIV -> "jax.numpy.divide";
            case POW -> "jax.numpy.power";
            case MATMUL -> "jax.numpy.matmul";
            case MOD -> "jax.numpy.remainder";
            default -> null; // //, shifts and bitwise operators: integers or piecewise constant
        };
    }

    /**
     * Instantiates a template: g, y and the parameter names become the given expressions; jnp and
     * ad become the modules themselves.
     */
    static Expr instantiate(Expr template, Map<String, Expr> bindings, Span span) {
        Map<String, Expr> all = new HashMap<>(bindings);
        all.put("jnp", module("jax.numpy", "jnp", span));
        all.put("ad", module("jaxon.ad", "ad", span));
        all.put("vm", module("jaxon.vm", "vm", span));
        return Exprs.substitute(Exprs.respan(template, span), all);
    }

    static Expr module(String name, String display, Span span) {
        return new Expr.Const(span, new Embedded(JaxonContext.get(null).importModule(name), display));
    }

    /** ad.NAME, a value of the helper module. */
    static Expr helperValue(Span span, String name) {
        return new Expr.Attribute(span, module("jaxon.ad", "ad", span), name);
    }

    /** ad.NAME(args...), a call of a helper from stdlib/jaxon/ad.jx. */
    static Expr helper(Span span, String name, Expr... args) {
        return new Expr.Call(span, new Expr.Attribute(span, module("jaxon.ad", "ad", span), name), List.of(args), List.of());
    }
}
