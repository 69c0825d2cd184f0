package jaxon.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jaxon.JaxonLanguage;
import jaxon.ast.Embedded;
import jaxon.ast.Expr;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.nodes.FusedKernel;
import jaxon.ops.BinaryPrim;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.BuiltinFunction;

/**
 * jit's fusion planning, on the let-bound form of a function: each maximal chain of elementwise
 * float operations whose intermediate values are used once, by the next operation of the chain,
 * becomes one {@link FusedKernel}: a loop whose body is the chain's expression tree; a jnp.sum or
 * jnp.mean of a whole chain reduces the loop's values as they are computed. The rest of the
 * function stays as it was.
 */
public final class Fusion {
    private final Function<Expr, Object> resolve;
    private final JaxonLanguage language;
    private final Map<String, Integer> uses = new HashMap<>();
    private final Map<String, Integer> assignments = new HashMap<>();
    /** Parameters: names that never refer to a global function. */
    private final java.util.Set<String> locals = new java.util.HashSet<>();

    private Fusion(Function<Expr, Object> resolve, JaxonLanguage language) {
        this.resolve = resolve;
        this.language = language;
    }

    /**
     * def, with its elementwise chains fused and its calls of other Jaxon functions made calls of
     * their fused versions; named name. The entry function (the one jit was given) converts its
     * arguments other than staticNames and its result as JAX's jit does; a callee does neither.
     */
    public static Stmt.FunctionDef fuse(Stmt.FunctionDef def, String name, java.util.Set<String> staticNames, boolean entry,
            Function<Expr, Object> resolve, JaxonLanguage language) {
        return new Fusion(resolve, language).build(def, name, staticNames, entry);
    }

    private Stmt.FunctionDef build(Stmt.FunctionDef def, String name, java.util.Set<String> staticNames, boolean entry) {
        Names names = new Names(def);
        String out = names.reserve("_out");
        List<Stmt> body = new ArrayList<>();
        jaxon.ast.Parameters params = def.params();
        params.keywordOnly().forEach(p -> locals.add(p.name()));
        java.util.stream.Stream.of(params.varargs(), params.kwargs()).filter(java.util.Objects::nonNull).forEach(locals::add);
        for (jaxon.ast.Parameters.Param p : params.positional()) {
            locals.add(p.name());
            if (entry && !staticNames.contains(p.name())) { // Python scalars become arrays, as jit's tracing makes them in JAX
                Expr.Name n = new Expr.Name(p.span(), p.name());
                body.add(new Stmt.Assign(p.span(), List.of(n), Transforms.asArrayCall(p.span(), n)));
            }
        }
        body.addAll(Anf.normalize(def.body(), names, out));
        body = versioned(body, names, locals);
        body = prepared(body, out, names);
        count(body);
        List<Stmt> fused = block(body);
        Expr result = new Expr.Name(def.span(), out);
        // Results leave as JAX's do: Python scalars as arrays, dicts rebuilt in sorted key order.
        fused.add(new Stmt.Return(def.span(), entry ? Transforms.asArrayCall(def.span(), result) : result));
        return new Stmt.FunctionDef(def.span(), name, def.params(), fused, List.of());
    }

    /**
     * body with every variable that straight-line code assigns more than once renamed at each
     * assignment after the first (x, x1, x2, ...), so that each of its values can join a chain, as
     * grad's accumulations v_bar = ad.add(v_bar, ...) need. Only variables that every statement
     * mentioning them reads or writes at the top level of the body, in expressions that
     * substitution reaches, are renamed: no closure, branch or loop sees them.
     */
    private static List<Stmt> versioned(List<Stmt> body, Names names, java.util.Set<String> parameters) {
        Map<String, Integer> definitions = new HashMap<>();
        parameters.forEach(p -> definitions.put(p, 1));
        java.util.Set<String> excluded = new java.util.HashSet<>();
        for (Stmt s : body) {
            Expr value = straightLineValue(s);
            if (value == null) {
                excluded.addAll(Exprs.statementNames(s));
            } else if (s instanceof Stmt.Assign a) {
                definitions.merge(((Expr.Name) a.targets().get(0)).id(), 1, Integer::sum);
            }
        }
        Map<String, Expr> current = new HashMap<>();
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            Expr value = straightLineValue(s);
            if (value == null) {
                out.add(s);
                continue;
            }
            Expr renamed = Exprs.substitute(value, current);
            out.add(switch (s) {
                case Stmt.Assign a -> {
                    Expr.Name t = (Expr.Name) a.targets().get(0);
                    Expr.Name target = t;
                    if (definitions.getOrDefault(t.id(), 0) > 1 && !excluded.contains(t.id())) {
                        target = current.containsKey(t.id()) || parameters.contains(t.id()) ? new Expr.Name(t.span(), names.reserve(t.id())) : t;
                        current.put(t.id(), target);
                    }
                    yield new Stmt.Assign(a.span(), List.of(target), renamed);
                }
                case Stmt.ExprStmt e -> new Stmt.ExprStmt(e.span(), renamed);
                default -> new Stmt.Return(s.span(), renamed);
            });
        }
        return out;
    }

    /** The most operations a value may take to be recomputed in each chain that uses it. */
    private static final int MAX_RECOMPUTED_OPS = 8;

    /**
     * An elementwise value of straight-line code: its assignment, the variables at the bottom of
     * the elementwise values it is made of, and, when it is cheap all the way down, its cost.
     */
    private record Producer(Stmt.Assign definition, java.util.Set<String> roots, boolean cheap, int ops) {
        boolean recomputable() {
            return cheap && roots.size() <= 1 && ops <= MAX_RECOMPUTED_OPS;
        }
    }

    /**
     * body prepared for chain planning, as XLA prepares fusion:
     * - each cheap elementwise value of a single variable (-v, 2 * v, v * v - 1, ...) is
     *   recomputed inside every chain that reads it, and its stored copy dropped once nothing else
     *   reads it: a value stored once and read by several kernels costs a write and a read per
     *   kernel, recomputing it from the variable those kernels read anyway costs neither;
     * - grad's calls that read an elementwise value for its shape alone (ad.unbroadcast,
     *   ad.reduce_adjoint) get a stand-in of that shape instead, so that the value can stay
     *   inside its chain, or a sum at its end (grad-sum-chain: 30 passes over memory become 18).
     */
    private List<Stmt> prepared(List<Stmt> body, String result, Names names) {
        Map<String, Integer> written = new HashMap<>();
        locals.forEach(v -> written.put(v, 1));
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t) {
                written.merge(t.id(), 1, Integer::sum);
            } else if (!(s instanceof Stmt.ExprStmt || s instanceof Stmt.Return)) {
                Exprs.statementNames(s).forEach(v -> written.merge(v, 2, Integer::sum)); // may be written there
            }
        }
        Map<String, Producer> producers = new HashMap<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t
                    && written.get(t.id()) == 1 && !locals.contains(t.id())) {
                List<String> operands = elementwiseOperands(a.value());
                if (operands != null && operands.stream().allMatch(v -> written.getOrDefault(v, 0) <= 1)) {
                    java.util.Set<String> roots = new java.util.LinkedHashSet<>();
                    boolean cheap = cheap(chain(a.value(), Map.of()).tree());
                    int ops = 1;
                    for (String v : operands) {
                        Producer p = producers.get(v);
                        roots.addAll(p == null ? java.util.Set.of(v) : p.roots());
                        cheap &= p == null || p.cheap();
                        ops += p == null ? 0 : p.ops();
                    }
                    producers.put(t.id(), new Producer(a, roots, cheap, ops));
                }
            }
        }
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t
                    && !(producers.containsKey(t.id()) && producers.get(t.id()).recomputable())) {
                List<String> read = reads(a.value());
                Map<String, Expr> copies = new HashMap<>();
                for (String v : new java.util.LinkedHashSet<>(read)) {
                    Producer p = producers.get(v);
                    if (p != null && p.recomputable() && java.util.Collections.frequency(read, v) == 1
                            && chain(a.value(), Map.of(v, PLACEHOLDER)) != null) {
                        copies.put(v, new Expr.Name(a.span(), recompute(v, producers, names, out)));
                    }
                }
                java.util.Optional<String> shaped = shapeOnlyRead(s).filter(producers::containsKey);
                shaped.ifPresent(v -> copies.put(v, new Expr.Name(a.span(), shapeStandIn(v, producers, names, out))));
                out.add(copies.isEmpty() ? s : new Stmt.Assign(a.span(), a.targets(), Exprs.substitute(a.value(), copies)));
            } else {
                out.add(s);
            }
        }
        // Drop the recomputable values nothing reads any more (latest first: they read earlier ones).
        Map<String, Integer> readers = new HashMap<>(Map.of(result, 1)); // the return statement that build adds
        for (Stmt s : out) {
            Exprs.statementNames(s).forEach(v -> readers.merge(v, 1, Integer::sum)); // a definition mentions its own target once
        }
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.get(i) instanceof Stmt.Assign a && a.targets().get(0) instanceof Expr.Name t && producers.get(t.id()) != null
                    && producers.get(t.id()).definition() == a && producers.get(t.id()).recomputable() && readers.get(t.id()) == 1) {
                out.remove(i);
                Exprs.statementNames(a).forEach(v -> readers.merge(v, -1, Integer::sum));
            }
        }
        return out;
    }

    /**
     * Whether an operation costs less than storing its result and reading it back: arithmetic
     * other than division, negation, abs, maximum, minimum, small integer powers. Like XLA, which
     * duplicates only such producers, exp, sin and the like are computed once and stored.
     */
    private static boolean cheap(Node op) {
        return switch (op) {
            case Op1 u -> u.op() == UnaryPrim.NEG || u.op() == UnaryPrim.ABS;
            case Op2 b -> switch (b.op()) {
                case ADD, SUB, MUL, MAX, MIN -> true;
                case POW -> b.b() instanceof Leaf l && l.atom() instanceof Expr.Const c && c.value() instanceof Long n && n >= 0 && n <= 4;
                default -> false;
            };
            default -> false;
        };
    }

    /**
     * The variable that an assignment of a call of grad's ad.unbroadcast or ad.reduce_adjoint
     * reads for its shape alone (and nowhere else in the statement).
     */
    private java.util.Optional<String> shapeOnlyRead(Stmt s) {
        if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name && a.value() instanceof Expr.Call c
                && c.keywords().isEmpty() && c.args().size() >= 2 && c.args().get(1) instanceof Expr.Name x
                && java.util.Collections.frequency(reads(c), x.id()) == 1 && Exprs.isDottedName(c.func())
                && !(c.func() instanceof Expr.Name) && resolve.apply(c.func()) instanceof jaxon.runtime.PFunction p
                && p.module != null && p.module.name.equals("jaxon.ad") && (p.name.equals("unbroadcast") || p.name.equals("reduce_adjoint"))) {
            return java.util.Optional.of(x.id());
        }
        return java.util.Optional.empty();
    }

    /**
     * Emits into out `s = ad.shape_stand_in(lambda: value, roots...)` for the elementwise value v
     * of the variables roots (see AdSupport.shapeStandIn); returns s.
     */
    private String shapeStandIn(String v, Map<String, Producer> producers, Names names, List<Stmt> out) {
        Span sp = producers.get(v).definition().span();
        List<Expr> args = new ArrayList<>();
        args.add(new Expr.Lambda(sp, jaxon.ast.Parameters.EMPTY, expression(v, producers)));
        producers.get(v).roots().forEach(x -> args.add(new Expr.Name(sp, x)));
        String standIn = names.fresh(v + "_shape");
        out.add(new Stmt.Assign(sp, List.of(new Expr.Name(sp, standIn)), AdRules.helper(sp, "shape_stand_in", args.toArray(Expr[]::new))));
        return standIn;
    }

    /** The elementwise value v as one expression over its roots. */
    private Expr expression(String v, Map<String, Producer> producers) {
        Expr value = producers.get(v).definition().value();
        Map<String, Expr> inner = new HashMap<>();
        for (String operand : elementwiseOperands(value)) {
            if (producers.containsKey(operand)) {
                inner.put(operand, expression(operand, producers));
            }
        }
        return Exprs.substitute(value, inner);
    }

    /** Emits into out a copy of the value v and of the recomputable values it reads; returns the copy's name. */
    private String recompute(String v, Map<String, Producer> producers, Names names, List<Stmt> out) {
        Stmt.Assign definition = producers.get(v).definition();
        Map<String, Expr> copies = new HashMap<>();
        for (String operand : elementwiseOperands(definition.value())) {
            Producer p = producers.get(operand);
            if (p != null && p.recomputable() && !copies.containsKey(operand)) {
                copies.put(operand, new Expr.Name(definition.span(), recompute(operand, producers, names, out)));
            }
        }
        String copy = names.fresh(v + "_");
        out.add(new Stmt.Assign(definition.span(), List.of(new Expr.Name(definition.span(), copy)), Exprs.substitute(definition.value(), copies)));
        return copy;
    }

    /**
     * The variables an elementwise operation reads (arithmetic, negation, a jax.numpy unary or
     * binary function of variables and numbers), or null for any other value.
     */
    private List<String> elementwiseOperands(Expr value) {
        List<Expr> operands = switch (value) {
            case Expr.BinOp b when binaryOperator(b.op()) != null -> List.of(b.left(), b.right());
            case Expr.UnaryOp u when u.op() == Expr.UnaryOperator.NEG -> List.of(u.operand());
            case Expr.Call c when c.keywords().isEmpty() && chain(c, Map.of()) instanceof Chain k && !(k.tree() instanceof Helper) -> c.args();
            default -> null;
        };
        if (operands == null || !operands.stream().allMatch(e -> e instanceof Expr.Name || isNumber(e))) {
            return null;
        }
        return operands.stream().filter(e -> e instanceof Expr.Name).map(e -> ((Expr.Name) e).id()).toList();
    }

    /** The value of an assignment to one name, an expression statement or a return whose names substitution reaches; else null. */
    private static Expr straightLineValue(Stmt s) {
        Expr value = switch (s) {
            case Stmt.Assign a when a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name -> a.value();
            case Stmt.ExprStmt e -> e.value();
            case Stmt.Return r -> r.value();
            default -> null;
        };
        return value != null && Exprs.substitutable(value) ? value : null;
    }

    /**
     * s with a call of a Jaxon function (a global or module attribute, not a local value) made a
     * call of its fused version, as jit traces through the functions it calls.
     */
    private Stmt callingFused(Stmt s) {
        Expr.Call call = switch (s) {
            case Stmt.Assign a when a.value() instanceof Expr.Call c -> c;
            case Stmt.ExprStmt e when e.value() instanceof Expr.Call c -> c;
            default -> null;
        };
        if (call == null || !Exprs.isDottedName(call.func()) || Exprs.names(call.func()).stream().anyMatch(v -> locals.contains(v) || assignments.containsKey(v))) {
            return s;
        }
        Object callee = resolve.apply(call.func());
        if (callee instanceof BuiltinFunction b && b.qualifiedName().equals("jaxon.ad.call_adjoint") && call.func() instanceof Expr.Attribute a) {
            // the adjoint of a called function (grad's generated code): its vjp fused too
            Expr.Call fusedCall = new Expr.Call(call.span(), new Expr.Attribute(a.span(), a.value(), "call_adjoint_fused"), call.args(), call.keywords());
            return s instanceof Stmt.Assign as ? new Stmt.Assign(as.span(), as.targets(), fusedCall) : new Stmt.ExprStmt(s.span(), fusedCall);
        }
        Object fused = Transforms.jitCallee(callee);
        if (fused == callee) {
            return s;
        }
        Span sp = call.span();
        Embedded constant = new Embedded(fused, "jit(" + ((jaxon.runtime.PFunction) callee).name + ")");
        Expr.Call fusedCall = new Expr.Call(sp, new Expr.Const(sp, constant), call.args(), call.keywords());
        return s instanceof Stmt.Assign a ? new Stmt.Assign(a.span(), a.targets(), fusedCall) : new Stmt.ExprStmt(s.span(), fusedCall);
    }

    private void count(List<Stmt> body) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a -> {
                    a.targets().forEach(t -> {
                        if (t instanceof Expr.Name n) {
                            assignments.merge(n.id(), 1, Integer::sum);
                        } else {
                            Exprs.names(t).forEach(v -> uses.merge(v, 1, Integer::sum));
                        }
                    });
                    reads(a.value()).forEach(v -> uses.merge(v, 1, Integer::sum));
                }
                case Stmt.If f -> {
                    Exprs.names(f.test()).forEach(v -> uses.merge(v, 1, Integer::sum));
                    count(f.body());
                    count(f.orElse());
                }
                case Stmt.For f -> {
                    Exprs.names(f.iter()).forEach(v -> uses.merge(v, 1, Integer::sum));
                    Exprs.names(f.target()).forEach(v -> assignments.merge(v, 2, Integer::sum));
                    count(f.body());
                }
                case Stmt.While w -> {
                    Exprs.names(w.test()).forEach(v -> uses.merge(v, 2, Integer::sum));
                    count(w.body());
                }
                case Stmt.ExprStmt e -> Exprs.names(e.value()).forEach(v -> uses.merge(v, 1, Integer::sum));
                case Stmt.Return r -> {
                    if (r.value() != null) {
                        Exprs.names(r.value()).forEach(v -> uses.merge(v, 1, Integer::sum));
                    }
                }
                default -> {
                    // A statement we do not look into (nested def, try, ...): every name it mentions counts as used twice.
                    for (String v : Exprs.statementNames(s)) {
                        uses.merge(v, 2, Integer::sum);
                    }
                }
            }
        }
    }

    /** The names e reads, a name read by two operands twice (y * y uses y twice: it cannot be inlined into one operand). */
    private static List<String> reads(Expr e) {
        List<Expr> parts = switch (e) {
            case Expr.BinOp b -> List.of(b.left(), b.right());
            case Expr.Compare c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c.left()), c.comparators().stream()).toList();
            case Expr.Call c when c.keywords().isEmpty() -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c.func()), c.args().stream()).toList();
            default -> List.of(e);
        };
        List<String> out = new ArrayList<>();
        parts.forEach(p -> out.addAll(Exprs.names(p)));
        return out;
    }

    /** A chain under construction: its tree and the variables it reads. */
    private record Chain(Node tree, List<String> consumed, int ops) {
        boolean isComparison() {
            return tree instanceof Op2 o && o.op().result == BinaryPrim.Result.COMPARE;
        }
    }

    /** A scalar expression over the chain's operands, built before the kernel exists. */
    private sealed interface Node {
    }

    private record Leaf(Expr atom) implements Node {
    }

    private record Op1(UnaryPrim op, Node x) implements Node {
    }

    private record Op2(BinaryPrim op, Node a, Node b) implements Node {
    }

    /** A call of grad's helper ad.add or ad.unbroadcast (see {@link FusedKernel.Helper}). */
    private record Helper(jaxon.runtime.PFunction helper, Node a, Node b) implements Node {
    }

    private record Choose(BinaryPrim comparison, Node left, Node right, Node then, Node otherwise) implements Node {
    }

    private List<Stmt> block(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        Map<String, Chain> pending = new LinkedHashMap<>();
        Map<String, Integer> pendingAt = new HashMap<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t) {
                if (a.value() instanceof Expr.Compare) {
                    // A comparison takes plain operands: the chains it reads are computed first.
                    emitPending(pending, Exprs.names(a.value()), body, pendingAt, out);
                }
                Chain chain = chain(a.value(), pending);
                if (chain != null) {
                    chain.consumed().forEach(pending::remove);
                    if (onlyUse(t.id()) && usedLaterInChain(body, i, t.id(), pending)) {
                        pending.put(t.id(), chain);
                        pendingAt.put(t.id(), i);
                        continue;
                    }
                    if (!chain.isComparison()) { // a comparison alone keeps its bool result: not fused
                        out.add(emit(t, chain, a));
                        continue;
                    }
                }
            }
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t
                    && reducedChain(a.value(), pending) instanceof String x) { // a sum at the end of a chain: one loop, nothing stored
                Chain chain = pending.remove(x);
                pendingAt.remove(x);
                out.add(emitReduction(t, chain, a, fullReduction(a.value()).equals("mean")));
                continue;
            }
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t && independent(a.value(), t.id(), pending)) {
                out.add(callingFused(s)); // the pending chains wait for their consumer past it
                continue;
            }
            flush(pending, body, pendingAt, out);
            out.add(switch (s) {
                case Stmt.If f -> new Stmt.If(f.span(), f.test(), block(f.body()), block(f.orElse()));
                case Stmt.For f -> new Stmt.For(f.span(), f.target(), f.iter(), block(f.body()), List.of());
                case Stmt.While w -> new Stmt.While(w.span(), w.test(), block(w.body()), List.of());
                default -> callingFused(s);
            });
        }
        flush(pending, body, pendingAt, out);
        return out;
    }

    /** Whether `target = value` neither reads a pending chain nor rebinds a variable one reads. */
    private static boolean independent(Expr value, String target, Map<String, Chain> pending) {
        if (pending.containsKey(target) || Exprs.names(value).stream().anyMatch(pending::containsKey)) {
            return false;
        }
        return pending.values().stream().noneMatch(c -> reads(c.tree(), target));
    }

    private static boolean reads(Node n, String name) {
        return switch (n) {
            case Leaf l -> l.atom() instanceof Expr.Name v && v.id().equals(name);
            case Op1 u -> reads(u.x(), name);
            case Op2 b -> reads(b.a(), name) || reads(b.b(), name);
            case Helper h -> reads(h.a(), name) || reads(h.b(), name);
            case Choose c -> reads(c.left(), name) || reads(c.right(), name) || reads(c.then(), name) || reads(c.otherwise(), name);
        };
    }

    /** Emits the chains still pending (their consumer turned out not to take them). */
    private void flush(Map<String, Chain> pending, List<Stmt> body, Map<String, Integer> pendingAt, List<Stmt> out) {
        emitPending(pending, new java.util.HashSet<>(pending.keySet()), body, pendingAt, out);
    }

    private void emitPending(Map<String, Chain> pending, java.util.Set<String> which, List<Stmt> body, Map<String, Integer> pendingAt, List<Stmt> out) {
        for (String name : new ArrayList<>(pending.keySet())) {
            if (which.contains(name)) {
                Chain chain = pending.remove(name);
                Stmt.Assign original = (Stmt.Assign) body.get(pendingAt.remove(name));
                out.add(chain.isComparison() ? original : emit((Expr.Name) original.targets().get(0), chain, original));
            }
        }
    }

    /** Stands for a pending chain when only asking whether a statement could take one in. */
    private static final Chain PLACEHOLDER = new Chain(new Leaf(new Expr.Const(Span.NONE, 0.0)), List.of(), 1);

    private boolean onlyUse(String name) {
        return uses.getOrDefault(name, 0) == 1 && assignments.getOrDefault(name, 0) == 1;
    }

    /** Whether the one use of name is a later statement of this block that is itself part of a chain. */
    private boolean usedLaterInChain(List<Stmt> body, int from, String name, Map<String, Chain> pending) {
        for (int j = from + 1; j < body.size(); j++) {
            Stmt s = body.get(j);
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name
                    && Exprs.names(a.value()).contains(name)) {
                Map<String, Chain> withThis = new LinkedHashMap<>(pending);
                withThis.put(name, PLACEHOLDER);
                return chain(a.value(), withThis) != null || name.equals(reducedChain(a.value(), withThis));
            }
            if (s instanceof Stmt.Assign a && a.targets().get(0) instanceof Expr.Name n && assignments.getOrDefault(n.id(), 0) > 1) {
                return false; // a reassignment in between: keep the order of evaluation simple
            }
            if (!(s instanceof Stmt.Assign)) {
                return false;
            }
        }
        return false;
    }

    /** "sum" or "mean" for jnp.sum(v) or jnp.mean(v) of one variable with no other arguments, else null. */
    private String fullReduction(Expr value) {
        if (value instanceof Expr.Call c && c.keywords().isEmpty() && c.args().size() == 1 && c.args().get(0) instanceof Expr.Name
                && Exprs.isDottedName(c.func()) && !(c.func() instanceof Expr.Name) && resolve.apply(c.func()) instanceof BuiltinFunction b) {
            return switch (b.qualifiedName()) {
                case "jax.numpy.sum" -> "sum";
                case "jax.numpy.mean" -> "mean";
                default -> null;
            };
        }
        return null;
    }

    /** The pending chain that value, a full sum or mean, reduces; else null. */
    private String reducedChain(Expr value, Map<String, Chain> pending) {
        if (fullReduction(value) != null && ((Expr.Call) value).args().get(0) instanceof Expr.Name x
                && pending.get(x.id()) instanceof Chain c && !c.isComparison()) {
            return x.id();
        }
        return null;
    }

    /** target = jaxon.fused_sum(kernel, operands, mean): the chain's values summed as they are computed. */
    private Stmt emitReduction(Expr.Name target, Chain chain, Stmt.Assign original, boolean mean) {
        return kernelCall(target, chain, original.span(), "fused_sum", new Expr.Const(original.span(), mean));
    }

    /** target = jaxon.fused(kernel, operands), or the original statement for a chain of one operation. */
    private Stmt emit(Expr.Name target, Chain chain, Stmt.Assign original) {
        return chain.ops() < 2 ? original : kernelCall(target, chain, original.span(), "fused");
    }

    /** target = jaxon.BUILTIN(kernel, operands, extra...) for the chain's kernel over the variables it reads. */
    private Stmt kernelCall(Expr.Name target, Chain chain, Span sp, String builtin, Expr... extra) {
        List<Expr> operands = new ArrayList<>();
        FusedKernel kernel = new FusedKernel(language, scalar(chain.tree(), operands), operands.size());
        List<Expr> args = new ArrayList<>(List.of(new Expr.Const(sp, new Embedded(kernel, kernel.repr())), new Expr.TupleExpr(sp, operands)));
        args.addAll(List.of(extra));
        Expr call = new Expr.Call(sp, new Expr.Attribute(sp, AdRules.module("jaxon", "jaxon", sp), builtin), args, List.of());
        return new Stmt.Assign(sp, List.of(target), call);
    }

    private FusedKernel.Scalar scalar(Node n, List<Expr> operands) {
        return switch (n) {
            case Leaf l when l.atom() instanceof Expr.Const c -> new FusedKernel.Constant(c.value());
            case Leaf l -> {
                String id = ((Expr.Name) l.atom()).id();
                int k = 0;
                while (k < operands.size() && !((Expr.Name) operands.get(k)).id().equals(id)) {
                    k++;
                }
                if (k == operands.size()) {
                    operands.add(l.atom());
                }
                yield new FusedKernel.Operand(k);
            }
            case Op1 u -> new FusedKernel.Unary(u.op(), scalar(u.x(), operands));
            case Op2 b -> new FusedKernel.Binary(b.op(), scalar(b.a(), operands), scalar(b.b(), operands));
            case Helper h when h.helper().name.equals("add") -> new FusedKernel.AddCotangents(h.helper(), scalar(h.a(), operands), scalar(h.b(), operands));
            case Helper h -> new FusedKernel.Unbroadcast(h.helper(), scalar(h.a(), operands), scalar(h.b(), operands));
            case Choose c -> new FusedKernel.Select(c.comparison(), scalar(c.left(), operands), scalar(c.right(), operands),
                    scalar(c.then(), operands), scalar(c.otherwise(), operands));
        };
    }

    /**
     * rhs as a link of a chain, taking in the pending chains it reads, or null when it is not an
     * elementwise float operation. pending is not changed: the result lists what it consumed.
     */
    private Chain chain(Expr rhs, Map<String, Chain> pending) {
        Map<String, Chain> trial = new LinkedHashMap<>(pending);
        List<String> consumed = new ArrayList<>();
        int[] ops = {1};
        Node node = switch (rhs) {
            case Expr.Name n when pending.containsKey(n.id()) -> leaf(n, trial, consumed, ops); // a copy: the chain goes on under the new name
            case Expr.BinOp b when binaryOperator(b.op()) != null ->
                new Op2(binaryOperator(b.op()), leaf(b.left(), trial, consumed, ops), leaf(b.right(), trial, consumed, ops));
            case Expr.UnaryOp u when u.op() == Expr.UnaryOperator.NEG -> new Op1(UnaryPrim.NEG, leaf(u.operand(), trial, consumed, ops));
            case Expr.Compare c when c.ops().size() == 1 && comparison(c.ops().get(0)) != null ->
                new Op2(comparison(c.ops().get(0)), leaf(c.left(), trial, consumed, ops), leaf(c.comparators().get(0), trial, consumed, ops));
            case Expr.Call c when c.keywords().isEmpty() && c.args().stream().allMatch(a -> a instanceof Expr.Name || isNumber(a)) ->
                call(c, trial, consumed, ops);
            default -> null;
        };
        return node == null || hasNull(node) ? null : new Chain(node, consumed, ops[0]);
    }

    private static boolean hasNull(Node n) {
        return switch (n) {
            case Leaf l -> l.atom() == null;
            case Op1 u -> u.x() == null || hasNull(u.x());
            case Op2 b -> b.a() == null || b.b() == null || hasNull(b.a()) || hasNull(b.b());
            case Helper h -> hasNull(h.a()) || hasNull(h.b());
            case Choose c -> hasNull(c.left()) || hasNull(c.right()) || hasNull(c.then()) || hasNull(c.otherwise());
        };
    }

    private Node call(Expr.Call c, Map<String, Chain> pending, List<String> consumed, int[] ops) {
        if (!Exprs.isDottedName(c.func()) || c.func() instanceof Expr.Name) {
            return null;
        }
        Object callee = resolve.apply(c.func());
        List<Expr> args = c.args();
        if (callee instanceof jaxon.runtime.PFunction p && p.module != null && p.module.name.equals("jaxon.ad") && args.size() == 2) {
            return switch (p.name) {
                case "add" -> new Helper(p, leaf(args.get(0), pending, consumed, ops), leaf(args.get(1), pending, consumed, ops));
                // x only gives its shape: a chain computed for it alone would be wasted, so it must be a plain value
                case "unbroadcast" -> args.get(1) instanceof Expr.Name x && !pending.containsKey(x.id())
                        ? new Helper(p, leaf(args.get(0), pending, consumed, ops), new Leaf(x)) : null;
                default -> null;
            };
        }
        if (!(callee instanceof BuiltinFunction b) || !b.qualifiedName().startsWith("jax.numpy.")) {
            return null;
        }
        String name = b.qualifiedName().substring("jax.numpy.".length());
        if (name.equals("where") && args.size() == 3 && args.get(0) instanceof Expr.Name cond && pending.get(cond.id()) != null) {
            Chain condition = pending.remove(cond.id());
            consumed.add(cond.id());
            if (condition == PLACEHOLDER) {
                return new Leaf(cond);
            }
            if (!condition.isComparison()) {
                return new Leaf(null);
            }
            Op2 cmp = (Op2) condition.tree();
            ops[0] += condition.ops();
            return new Choose(cmp.op(), cmp.a(), cmp.b(), leaf(args.get(1), pending, consumed, ops), leaf(args.get(2), pending, consumed, ops));
        }
        for (UnaryPrim u : UnaryPrim.values()) {
            if (u.jnpName.equals(name) && args.size() == 1 && u.result != UnaryPrim.Result.BOOL) {
                return new Op1(u, leaf(args.get(0), pending, consumed, ops));
            }
        }
        for (BinaryPrim p : BinaryPrim.values()) {
            if (p.jnpName.equals(name) && args.size() == 2 && (p.result == BinaryPrim.Result.ARITH || p.result == BinaryPrim.Result.INEXACT)) {
                return new Op2(p, leaf(args.get(0), pending, consumed, ops), leaf(args.get(1), pending, consumed, ops));
            }
        }
        return null;
    }

    /** An operand: a pending chain taken in, a variable, or a number. */
    private Node leaf(Expr atom, Map<String, Chain> pending, List<String> consumed, int[] ops) {
        if (atom instanceof Expr.Name n && pending.containsKey(n.id())) {
            Chain inner = pending.remove(n.id());
            consumed.add(n.id());
            if (inner.isComparison()) {
                return new Leaf(null); // a bool value inside arithmetic: left to the op-by-op path
            }
            ops[0] += inner.ops();
            return inner.tree();
        }
        if (atom instanceof Expr.Name) {
            return new Leaf(atom);
        }
        return isNumber(atom) ? new Leaf(atom) : new Leaf(null);
    }

    private static boolean isNumber(Expr e) {
        return e instanceof Expr.Const c && (c.value() instanceof Long || c.value() instanceof Double);
    }

    private static BinaryPrim binaryOperator(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> BinaryPrim.ADD;
            case SUB -> BinaryPrim.SUB;
            case MUL -> BinaryPrim.MUL;
            case DIV -> BinaryPrim.DIV;
            case POW -> BinaryPrim.POW;
            default -> null;
        };
    }

    private static BinaryPrim comparison(Expr.CompareOp op) {
        return switch (op) {
            case LT -> BinaryPrim.LT;
            case LE -> BinaryPrim.LE;
            case GT -> BinaryPrim.GT;
            case GE -> BinaryPrim.GE;
            case EQ -> BinaryPrim.EQ;
            case NE -> BinaryPrim.NE;
            default -> null;
        };
    }
}
