package jaxon.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jaxon.ast.Expr;
import jaxon.ast.Parameters;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.PNone;
import jaxon.runtime.PyType;

/**
 * vmap as a rewrite of a function's syntax tree. From {@code def f(x, ...)} and in_axes it
 * builds a function of the same parameters whose values carry a batch axis in front:
 * <pre>
 * def f_vmap(x, ...):
 *     _n = vm.batch_size(...)      # JAX's error for mismatched sizes
 *     x = vm.move_in(x, axis)      # the batch axis of each mapped argument to the front
 *     f's body in let-bound form, each operation on batched values replaced by its batching rule
 *     return vm.finish(_out, batched, _n, out_axes)
 * </pre>
 * Only values that depend on a mapped argument are batched; the others stay as they were. Rules
 * are Jaxon expressions over the helpers of stdlib/jaxon/vm.jx (BatchRules); calls of Jaxon
 * functions are vmapped in turn at run time (vm.call). Python control flow cannot branch per
 * example: a condition that depends on a batched value is an error naming the value and line.
 */
public final class Batching {
    private final Function<Expr, Object> resolve;
    private final Set<String> locals = new HashSet<>();
    private final Set<String> batched = new LinkedHashSet<>();
    private Names names;
    private String size;

    private Batching(Function<Expr, Object> resolve) {
        this.resolve = resolve;
    }

    /**
     * The batched version of def; axes gives the in_axes of each positional parameter (null: not
     * mapped) and outAxes the out_axes value.
     */
    public static Stmt.FunctionDef vmap(Stmt.FunctionDef def, String name, List<Object> axes, Object outAxes, Function<Expr, Object> resolve) {
        return new Batching(resolve).build(def, name, axes, outAxes);
    }

    private Stmt.FunctionDef build(Stmt.FunctionDef def, String name, List<Object> axes, Object outAxes) {
        Span sp = def.span();
        names = new Names(def);
        size = names.reserve("_n");
        String out = names.reserve("_out");
        List<Parameters.Param> params = def.params().positional();
        locals.addAll(ReverseMode.parameterNames(def.params()));
        List<Stmt> body = Anf.normalize(def.body(), names, out);
        Anf.localNames(body, locals);

        List<Expr> args = new ArrayList<>();
        List<Expr> axisValues = new ArrayList<>();
        List<Expr> argNames = new ArrayList<>();
        List<Stmt> result = new ArrayList<>();
        List<Stmt> moves = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Object axis = axes.get(i);
            Expr.Name p = new Expr.Name(sp, params.get(i).name());
            args.add(p);
            argNames.add(new Expr.Const(sp, p.id()));
            axisValues.add(new Expr.Const(sp, axis == null ? PNone.NONE : axis));
            if (axis != null) {
                batched.add(p.id());
                if (!Long.valueOf(0).equals(axis)) {
                    moves.add(assign(sp, p, helper(sp, "move_in", p, new Expr.Const(sp, axis))));
                }
            }
        }
        result.add(assign(sp, new Expr.Name(sp, size), helper(sp, "batch_size", tuple(sp, args), tuple(sp, axisValues), tuple(sp, argNames))));
        result.addAll(moves);
        java.util.Set<String> mapped = new LinkedHashSet<>(batched);
        propagate(body);
        body = selects(body, new java.util.HashSet<>(ReverseMode.parameterNames(def.params())));
        Anf.localNames(body, locals);
        batched.clear();
        batched.addAll(mapped);
        propagate(body);
        rewrite(body, result);
        result.add(new Stmt.Return(sp, helper(sp, "finish", new Expr.Name(sp, out), flag(sp, batched.contains(out)),
                new Expr.Name(sp, size), new Expr.Const(sp, outAxes))));
        Parameters ps = new Parameters(params.stream().map(p -> new Parameters.Param(p.span(), p.name(), null)).toList(),
                def.params().varargs(), def.params().keywordOnly().stream().map(p -> new Parameters.Param(p.span(), p.name(), null)).toList(),
                def.params().kwargs());
        return new Stmt.FunctionDef(sp, name, ps, result, List.of());
    }

    // ---- which values carry the batch axis

    private void propagate(List<Stmt> body) {
        int before;
        do {
            before = batched.size();
            mark(body);
        } while (batched.size() != before);
    }

    private void mark(List<Stmt> body) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n -> {
                    if (isBatched(a.value())) {
                        batched.add(n.id());
                    }
                }
                case Stmt.If f -> {
                    mark(f.body());
                    mark(f.orElse());
                }
                case Stmt.For f -> mark(f.body());
                case Stmt.While w -> mark(w.body());
                case Stmt.ExprStmt e when Anf.listUpdate(e) != null -> {
                    if (((Expr.Call) e.value()).args().stream().anyMatch(this::isBatchedAtom)) {
                        batched.add(Anf.listUpdate(e).id()); // a list that holds a batched value: all its items batched
                    }
                }
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Subscript x && x.value() instanceof Expr.Name n -> {
                    if (isBatchedAtom(a.value())) {
                        batched.add(n.id()); // xs[i] = v: the same for a list or dict
                    }
                }
                default -> {
                }
            }
        }
    }

    private boolean isBatchedAtom(Expr e) {
        return e instanceof Expr.Name n && batched.contains(n.id());
    }

    /** Whether e's value differs per example (shape queries and identity tests do not). */
    private boolean dependsOnBatch(Expr e) {
        return switch (e) {
            case Expr.Name n -> batched.contains(n.id());
            case Expr.Attribute a -> !STATIC_ATTRIBUTES.contains(a.attr()) && dependsOnBatch(a.value());
            case Expr.Compare c -> {
                boolean identity = c.ops().stream().allMatch(op -> op == Expr.CompareOp.IS || op == Expr.CompareOp.IS_NOT);
                yield !identity && (dependsOnBatch(c.left()) || c.comparators().stream().anyMatch(this::dependsOnBatch));
            }
            case Expr.Call c when isStaticQuery(c) -> false;
            case Expr.BoolOp b -> b.values().stream().anyMatch(this::dependsOnBatch);
            case Expr.UnaryOp u -> dependsOnBatch(u.operand());
            case Expr.Const c -> false;
            default -> Exprs.names(e).stream().anyMatch(batched::contains);
        };
    }

    private static final Set<String> STATIC_ATTRIBUTES = Set.of("shape", "ndim", "size", "dtype");
    private static final Set<String> STATIC_FUNCTIONS = Set.of("builtins.len", "builtins.isinstance", "builtins.hasattr", "builtins.type",
            "jax.numpy.shape", "jax.numpy.ndim", "jax.numpy.size");

    private boolean isStaticQuery(Expr.Call c) {
        Object fn = Exprs.isDottedName(c.func()) && !(c.func() instanceof Expr.Name n && locals.contains(n.id())) ? resolve.apply(c.func()) : null;
        // type(x), int(x), ...: per example the same; tuple(x) and list(x) keep x's items, batched or not
        return fn instanceof BuiltinFunction b && STATIC_FUNCTIONS.contains(b.qualifiedName())
                || fn instanceof PyType t && !t.name.equals("tuple") && !t.name.equals("list");
    }

    private boolean isBatched(Expr rhs) {
        return switch (rhs) {
            case Expr.Call c -> !isStaticQuery(c) && dependsOnBatch(c);
            case Expr.Lambda l -> failIfBatched(l);
            case Expr.ListComp l -> failIfBatched(l);
            case Expr.DictComp l -> failIfBatched(l);
            default -> dependsOnBatch(rhs);
        };
    }

    private boolean failIfBatched(Expr e) {
        if (dependsOnBatch(e)) {
            throw new TransformError(e.span(), "vmap of a lambda or comprehension that uses a batched value is not supported yet; use a def or a for loop");
        }
        return false;
    }

    // ---- per-example branches as selects

    /**
     * An if whose condition differs per example and whose branches only assign becomes both
     * branches, computed for every example, and a jnp.where per assigned variable:
     * {@code if c: y = a else: y = b} is {@code y = where(c, a, b)}. Other such ifs stay, and
     * rewriting reports them.
     */
    private List<Stmt> selects(List<Stmt> body, java.util.Set<String> defined) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            java.util.Set<String> definedBefore = new java.util.HashSet<>(defined);
            Anf.localNames(List.of(s), defined);
            switch (s) {
                case Stmt.If f when dependsOnBatch(f.test()) && onlyAssignments(f.body()) && onlyAssignments(f.orElse()) -> {
                    Span sp = f.span();
                    Expr.Name condition = names.freshName(sp, "_c");
                    out.addAll(Anf.normalizeStatements(List.of(assign(sp, condition, f.test())), names));
                    Map<String, Expr> thenValues = renamed(f.body(), out);
                    Map<String, Expr> elseValues = renamed(f.orElse(), out);
                    java.util.Set<String> assigned = new LinkedHashSet<>(thenValues.keySet());
                    assigned.addAll(elseValues.keySet());
                    Expr where = new Expr.Attribute(sp, AdRules.module("jax.numpy", "jnp", sp), "where");
                    for (String v : assigned) {
                        boolean live = thenValues.containsKey(v) && elseValues.containsKey(v) || definedBefore.contains(v);
                        if (!live) {
                            continue; // a temporary of one branch
                        }
                        Expr a = thenValues.getOrDefault(v, new Expr.Name(sp, v));
                        Expr b = elseValues.getOrDefault(v, new Expr.Name(sp, v));
                        out.add(assign(sp, new Expr.Name(sp, v), new Expr.Call(sp, where, List.of(condition, a, b), List.of())));
                    }
                }
                case Stmt.If f -> out.add(new Stmt.If(f.span(), f.test(), selects(f.body(), definedBefore), selects(f.orElse(), definedBefore)));
                case Stmt.For f -> {
                    java.util.Set<String> inLoop = new java.util.HashSet<>(definedBefore);
                    inLoop.addAll(Exprs.names(f.target()));
                    out.add(new Stmt.For(f.span(), f.target(), f.iter(), selects(f.body(), inLoop), List.of()));
                }
                case Stmt.While w -> out.add(new Stmt.While(w.span(), w.test(), selects(w.body(), definedBefore), List.of()));
                default -> out.add(s);
            }
        }
        return out;
    }

    private static boolean onlyAssignments(List<Stmt> body) {
        return body.stream().allMatch(s -> s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name);
    }

    /** The branch's assignments with fresh targets (appended to out); returns each variable's final value. */
    private Map<String, Expr> renamed(List<Stmt> branch, List<Stmt> out) {
        Map<String, Expr> values = new java.util.LinkedHashMap<>();
        for (Stmt s : branch) {
            Stmt.Assign a = (Stmt.Assign) s;
            String v = ((Expr.Name) a.targets().get(0)).id();
            Expr.Name fresh = names.freshName(a.span(), v + "_");
            out.add(assign(a.span(), fresh, Exprs.substitute(a.value(), values)));
            values.put(v, fresh);
        }
        return values;
    }

    // ---- rewriting

    private void rewrite(List<Stmt> body, List<Stmt> out) {
        for (Stmt s : body) {
            Span sp = s.span();
            switch (s) {
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n -> {
                    Expr value = batchedValue(a.value(), sp);
                    if (batched.contains(n.id()) && !isBatched(a.value())) {
                        value = helper(sp, "batched", value, new Expr.Name(sp, size)); // e.g. a loop's carry starts unbatched
                    }
                    out.add(assign(sp, n, value));
                }
                case Stmt.If f -> {
                    checkCondition(f.test(), "if");
                    List<Stmt> then = new ArrayList<>();
                    List<Stmt> orElse = new ArrayList<>();
                    rewrite(f.body(), then);
                    rewrite(f.orElse(), orElse);
                    out.add(new Stmt.If(sp, staticQueries(f.test()), then, orElse));
                }
                case Stmt.For f -> {
                    Expr iter = staticQueries(f.iter());
                    if (dependsOnBatch(iter)) {
                        throw new TransformError(sp, "vmap: the number of iterations of this for loop depends on a batched value; "
                                + "loops must run the same number of times for every example");
                    }
                    List<Stmt> loop = new ArrayList<>();
                    rewrite(f.body(), loop);
                    out.add(new Stmt.For(sp, f.target(), iter, loop, List.of()));
                }
                case Stmt.While w -> {
                    checkCondition(w.test(), "while");
                    List<Stmt> loop = new ArrayList<>();
                    rewrite(w.body(), loop);
                    out.add(new Stmt.While(sp, staticQueries(w.test()), loop, List.of()));
                }
                case Stmt.ExprStmt e when Anf.listUpdate(e) != null && batched.contains(Anf.listUpdate(e).id()) -> {
                    // items of a batched list are batched: an unbatched item is repeated for every example
                    Expr.Call c = (Expr.Call) e.value();
                    String method = ((Expr.Attribute) c.func()).attr();
                    List<Expr> args = new ArrayList<>(c.args());
                    int item = method.equals("insert") ? 1 : 0;
                    if (item < args.size()) {
                        Expr v = args.get(item);
                        args.set(item, method.equals("extend") && !isBatchedAtom(v) ? helper(sp, "batched", v, new Expr.Name(sp, size)) : everyExample(v, sp));
                    }
                    out.add(new Stmt.ExprStmt(sp, new Expr.Call(c.span(), c.func(), args, List.of())));
                }
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Subscript x && x.value() instanceof Expr.Name n
                        && batched.contains(n.id()) -> {
                    if (dependsOnBatch(x.index())) {
                        throw new TransformError(sp, "vmap: an item assignment whose index is batched is not supported; use .at[].set");
                    }
                    out.add(new Stmt.Assign(sp, a.targets(), everyExample(a.value(), sp)));
                }
                default -> {
                    // Anything else that would change a value in place with a batched value: refused rather than wrong.
                    if ((s instanceof Stmt.Assign || s instanceof Stmt.AugAssign || Anf.listUpdate(s) != null || mutatingCall(s))
                            && Exprs.statementNames(s).stream().anyMatch(batched::contains)) {
                        throw new TransformError(sp, "vmap of this in-place update of a batched value is not supported yet; build a new value instead");
                    }
                    out.add(s);
                }
            }
        }
    }

    /** x.method(...) as a statement, other than the list updates vmap handles: assumed to change x. */
    private static boolean mutatingCall(Stmt s) {
        return s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute m
                && m.value() instanceof Expr.Name && java.util.Set.of("update", "pop", "remove", "clear", "sort", "reverse", "setdefault", "popitem").contains(m.attr());
    }

    private void checkCondition(Expr test, String statement) {
        if (dependsOnBatch(test)) {
            String value = Exprs.names(test).stream().filter(batched::contains).findFirst().orElse("?");
            throw new TransformError(test.span(), "vmap: the condition of this " + statement + " depends on the batched value '" + value
                    + "', so it differs between examples; Python control flow cannot branch per example (use jnp.where)");
        }
    }

    /** Shape queries on batched values inside an expression that stays as written: per example. */
    private Expr staticQueries(Expr e) {
        return switch (e) {
            case Expr.Attribute a when STATIC_ATTRIBUTES.contains(a.attr()) && !a.attr().equals("dtype") && isBatchedAtom(a.value()) ->
                helper(a.span(), a.attr(), a.value());
            case Expr.Call c when isStaticQuery(c) && c.args().size() == 1 && isBatchedAtom(c.args().get(0))
                    && resolve.apply(c.func()) instanceof BuiltinFunction -> {
                Object fn = resolve.apply(c.func());
                String q = ((BuiltinFunction) fn).qualifiedName();
                yield q.endsWith("len") ? helper(c.span(), "length", c.args().get(0))
                        : q.endsWith("shape") ? helper(c.span(), "shape", c.args().get(0))
                        : q.endsWith("ndim") ? helper(c.span(), "ndim", c.args().get(0))
                        : q.endsWith("size") ? helper(c.span(), "size", c.args().get(0)) : c;
            }
            case Expr.Call c -> new Expr.Call(c.span(), c.func(), c.args().stream().map(this::staticQueries).toList(),
                    c.keywords().stream().map(k -> new Expr.Keyword(k.span(), k.name(), staticQueries(k.value()))).toList());
            case Expr.Compare c -> new Expr.Compare(c.span(), staticQueries(c.left()), c.ops(), c.comparators().stream().map(this::staticQueries).toList());
            case Expr.BinOp b -> new Expr.BinOp(b.span(), staticQueries(b.left()), b.op(), staticQueries(b.right()));
            case Expr.Subscript s -> new Expr.Subscript(s.span(), staticQueries(s.value()), s.index());
            case Expr.BoolOp b -> new Expr.BoolOp(b.span(), b.isAnd(), b.values().stream().map(this::staticQueries).toList());
            case Expr.UnaryOp u -> new Expr.UnaryOp(u.span(), u.op(), staticQueries(u.operand()));
            default -> e;
        };
    }

    /** The right-hand side computing, for every example at once, what rhs computes for one. */
    private Expr batchedValue(Expr rhs, Span sp) {
        if (!isBatched(rhs)) {
            return staticQueries(rhs);
        }
        return switch (rhs) {
            case Expr.Name n -> n;
            case Expr.BinOp b when b.op() == Expr.BinaryOp.MATMUL ->
                helper(sp, "matmul", b.left(), b.right(), flag(sp, isBatchedAtom(b.left())), flag(sp, isBatchedAtom(b.right())));
            case Expr.BinOp b when isNumber(b.left()) || isNumber(b.right()) -> b; // a Python number broadcasts against any example
            case Expr.BinOp b -> helper(sp, "elementwise", operatorFunction(b.op(), sp), tuple(sp, List.of(b.left(), b.right())),
                    tuple(sp, List.of(flag(sp, isBatchedAtom(b.left())), flag(sp, isBatchedAtom(b.right())))));
            case Expr.UnaryOp u -> u;
            case Expr.Attribute a -> switch (a.attr()) {
                case "T" -> helper(sp, "transpose", a.value(), none(sp));
                default -> a;
            };
            case Expr.Subscript s -> subscript(s, sp);
            case Expr.TupleExpr t -> new Expr.TupleExpr(sp, t.elts().stream().map(e -> everyExample(e, sp)).toList());
            case Expr.ListExpr l -> new Expr.ListExpr(sp, l.elts().stream().map(e -> everyExample(e, sp)).toList());
            case Expr.DictExpr d -> new Expr.DictExpr(sp, d.keys(), d.values().stream().map(e -> everyExample(e, sp)).toList());
            case Expr.Call c -> call(c, sp);
            default -> staticQueries(rhs); // comparisons: elementwise on the batched operands
        };
    }

    private static boolean isNumber(Expr e) {
        return e instanceof Expr.Const c && (c.value() instanceof Long || c.value() instanceof Double || c.value() instanceof Boolean);
    }

    /** An element of a container that holds batched values: unbatched ones are repeated for every example. */
    private Expr everyExample(Expr e, Span sp) {
        if (e instanceof Expr.Starred) {
            throw new TransformError(sp, "vmap of a starred element in a display is not supported yet");
        }
        return isBatchedAtom(e) ? e : helper(sp, "batched", e, new Expr.Name(sp, size));
    }

    private Expr subscript(Expr.Subscript s, Span sp) {
        boolean fx = isBatchedAtom(s.value());
        boolean fi = dependsOnBatch(s.index());
        if (fx && !fi) {
            return helper(sp, "index", s.value(), CallSite.indexValue(s.index()));
        }
        if (!fx) {
            return s; // an unbatched array indexed by a batch of indices: NumPy's gather already batches
        }
        return helper(sp, "gather", s.value(), CallSite.indexValue(s.index()), flag(sp, true), flag(sp, true));
    }

    private Expr call(Expr.Call c, Span sp) {
        if (CallSite.atSubscript(c) != null) {
            Expr.Subscript at = CallSite.atSubscript(c);
            Expr x = CallSite.atUpdate(c).value();
            String op = ((Expr.Attribute) c.func()).attr();
            if (dependsOnBatch(at.index())) {
                throw new TransformError(sp, "vmap of .at[] with batched indices is not supported yet");
            }
            Expr v = c.args().isEmpty() ? none(sp) : c.args().get(0);
            return helper(sp, "at_update", x, CallSite.indexValue(at.index()), v, flag(sp, isBatchedAtom(x)), flag(sp, isBatchedAtom(v)),
                    new Expr.Const(sp, op), new Expr.Name(sp, size));
        }
        Object fn;
        List<Expr> args = new ArrayList<>(c.args());
        Expr receiver = CallSite.methodReceiver(c, locals);
        if (receiver != null) {
            String method = ((Expr.Attribute) c.func()).attr();
            fn = jaxon.builtins.ArrayMethodTable.lookup(method);
            if (fn == null) {
                throw new TransformError(sp, "no batching rule for the method ." + method + "()");
            }
            args.add(0, receiver);
        } else if (Exprs.isDottedName(c.func()) && !(c.func() instanceof Expr.Name n && locals.contains(n.id()))) {
            fn = resolve.apply(c.func());
        } else {
            fn = null;
        }
        if (fn instanceof PyType t && (t.name.equals("tuple") || t.name.equals("list"))) {
            return c; // a container of the same items: batched items stay batched
        }
        String key = CallSite.qualifiedName(fn);
        Expr func = receiver != null ? new Expr.Const(sp, new jaxon.ast.Embedded(fn, ((BuiltinFunction) fn).qualifiedName().replace("jax.numpy.", "jnp.")))
                : c.func();
        String template = key == null ? null : BatchRules.rule(key);
        if (template != null && (fn instanceof BuiltinFunction || fn instanceof jaxon.runtime.PFunction)) {
            jaxon.runtime.Signature sig = fn instanceof BuiltinFunction b ? b.signature : ((jaxon.runtime.PFunction) fn).signature;
            Map<String, Expr> bound = CallSite.bind(sig, args, c.keywords(), sp);
            if (bound != null) {
                return instantiate(template, func, bound, sig, sp);
            }
        }
        if (key != null && key.startsWith("jaxon.vm.")) {
            // The helpers of vmapped code under an outer vmap (nested vmap): one call per outer example.
            List<Expr> flags = c.args().stream().map(a -> flag(sp, isBatchedAtom(a))).toList();
            return helper(sp, "per_example", c.func(), tuple(sp, c.args()), tuple(sp, flags), new Expr.Name(sp, size));
        }
        if (fn instanceof BuiltinFunction) {
            throw new TransformError(sp, "no batching rule for " + key);
        }
        // A function written in Jaxon (or only known at run time): vmapped in turn.
        List<Expr> flags = new ArrayList<>();
        for (Expr a : c.args()) {
            if (a instanceof Expr.Starred) {
                throw new TransformError(sp, "vmap of a call with *arguments is not supported yet");
            }
            flags.add(flag(sp, isBatchedAtom(a)));
        }
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (Expr.Keyword k : c.keywords()) {
            if (k.name() == null || isBatchedAtom(k.value())) {
                throw new TransformError(sp, "vmap of a call with batched keyword arguments is not supported yet; pass them by position");
            }
            keys.add(new Expr.Const(sp, k.name()));
            values.add(k.value());
        }
        return helper(sp, "call", c.func(), tuple(sp, c.args()), tuple(sp, flags), new Expr.DictExpr(sp, keys, values));
    }

    /** Fills a rule: F is the function, the parameter names its arguments, F_flags the batched flags of the positional operands. */
    private Expr instantiate(String template, Expr func, Map<String, Expr> bound, jaxon.runtime.Signature sig, Span sp) {
        Map<String, Expr> bindings = new java.util.HashMap<>(bound);
        bindings.put("F", func);
        bindings.put("n", new Expr.Name(sp, size));
        List<Expr> positional = new ArrayList<>();
        List<Expr> flags = new ArrayList<>();
        for (int i = 0; i < sig.positionalCount; i++) {
            Expr a = bound.get(sig.names[i]);
            if (a == null || (a instanceof Expr.Const k && k.value() == PNone.NONE && i > 0 && sig.defaults[i] != null)) {
                break;
            }
            positional.add(a);
            flags.add(flag(sp, isBatchedAtom(a)));
        }
        if (template.equals(BatchRules.ELEMENTWISE) && positional.size() == 1) {
            return new Expr.Call(sp, func, positional, List.of()); // one operand: elementwise on the batch as it is
        }
        bindings.put("ARGS", tuple(sp, positional));
        bindings.put("FLAGS", tuple(sp, flags));
        for (String p : bound.keySet()) {
            Expr v = bound.get(p);
            bindings.put("f_" + p, v instanceof Expr.TupleExpr t && p.equals(sig.varargsIndex >= 0 ? sig.names[sig.varargsIndex] : "")
                    ? tuple(sp, t.elts().stream().map(e -> flag(sp, isBatchedAtom(e))).toList()) : flag(sp, isBatchedAtom(v)));
        }
        Expr rule = BatchRules.parsed(template);
        Map<String, Expr> all = new java.util.HashMap<>(bindings);
        all.put("vm", AdRules.module("jaxon.vm", "vm", sp));
        all.put("jnp", AdRules.module("jax.numpy", "jnp", sp));
        return Exprs.substitute(Exprs.respan(rule, sp), all);
    }


    private static Expr operatorFunction(Expr.BinaryOp op, Span sp) {
        String name = switch (op) {
            case ADD -> "add";
            case SUB -> "subtract";
            case MUL -> "multiply";
            case DIV -> "divide";
            case FLOORDIV -> "floor_divide";
            case MOD -> "remainder";
            case POW -> "power";
            case BITAND -> "bitwise_and";
            case BITOR -> "bitwise_or";
            case BITXOR -> "bitwise_xor";
            case LSHIFT -> "left_shift";
            case RSHIFT -> "right_shift";
            case MATMUL -> "matmul";
        };
        return new Expr.Attribute(sp, AdRules.module("jax.numpy", "jnp", sp), name);
    }

    // ---- small builders

    private static Expr helper(Span sp, String name, Expr... args) {
        return new Expr.Call(sp, new Expr.Attribute(sp, AdRules.module("jaxon.vm", "vm", sp), name), List.of(args), List.of());
    }

    private static Expr flag(Span sp, boolean b) {
        return new Expr.Const(sp, b ? 1L : 0L);
    }

    private static Expr none(Span sp) {
        return new Expr.Const(sp, PNone.NONE);
    }

    private static Expr tuple(Span sp, List<Expr> items) {
        return new Expr.TupleExpr(sp, items);
    }

    private static Stmt assign(Span sp, Expr.Name target, Expr value) {
        return new Stmt.Assign(sp, List.of(target), value);
    }
}
