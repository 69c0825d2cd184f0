package jaxon.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
import jaxon.runtime.PFunction;
import jaxon.runtime.PNone;
import jaxon.runtime.PyType;
import jaxon.runtime.Signature;

/**
 * Reverse-mode differentiation as a rewrite of a function's syntax tree. From
 * {@code def f(x, ...)} it builds
 * <pre>
 * def f_vjp(_ct, x, ...):
 *     forward sweep: f's body in let-bound form, saving on a tape what the reverse sweep needs
 *     _out_bar = the cotangent of the result (_ct, or 1.0 for a scalar result when _ct is None)
 *     reverse sweep: the statements in reverse order, each adding its operands' cotangents
 *     return _out, (x_bar, ...)
 * </pre>
 * The cotangent of variable v is v_bar (None means zero). Values that are overwritten (variables
 * assigned twice, everything assigned in a loop) are pushed on the list {@code _tape} before they
 * change and popped back in the reverse sweep; which branch an if took and how often a loop ran
 * are recorded the same way (in plain variables outside loops). Only "active" values, those that
 * depend on a differentiated parameter, get cotangents. Calls of functions written in Jaxon are
 * differentiated through their own generated code at run time (ad.call_adjoint). When the code
 * being differentiated was itself generated (grad of grad), its tape is differentiated as a stack:
 * cotangents of popped values travel back through a stack of their own.
 */
public final class ReverseMode {

    /** How a call is differentiated. */
    private sealed interface Callee {
    }

    /** A primitive with a rule; bound maps its parameter names to the call's operands. */
    private record Rule(Map<String, Expr> templates, Map<String, Expr> bound) implements Callee {
    }

    private record NotDifferentiable() implements Callee {
    }

    /** Differentiated at run time through the callee's own vjp. */
    private record Runtime() implements Callee {
    }

    private record Missing(String name) implements Callee {
    }

    private final Function<Expr, Object> resolve;
    private final Set<String> locals = new HashSet<>();
    private final Set<String> active = new LinkedHashSet<>();
    private final Map<String, Integer> assignments = new HashMap<>();
    /** Generated control variables (branch flags, loop counts): recorded explicitly, never pushed. */
    private final Set<String> control = new HashSet<>();
    private final Map<Expr.Call, Callee> callees = new IdentityHashMap<>();
    /** The variables holding each if's branch and each loop's trip count (outside loops). */
    private final Map<Stmt, Expr.Name> branchFlags = new IdentityHashMap<>();
    private final Map<Stmt, Expr.Name> loopCounts = new IdentityHashMap<>();
    private boolean usesTape;
    /** Names the reverse sweep reads (so their overwritten values must be restored); complete once neededFinal. */
    private Set<String> needed;
    private boolean neededFinal;
    private Names names;
    /** The generated names: cotangent parameter, tape, result. */
    private String ct;
    private String tape;
    private String out;

    private ReverseMode(Function<Expr, Object> resolve) {
        this.resolve = resolve;
    }

    /**
     * The vjp of def with respect to the parameters wrt ("args[k]" for the k-th argument gathered
     * into the *args parameter args). resolve gives the value of a global dotted name (jnp.sin)
     * when the function is transformed, or null for local names.
     */
    public static Stmt.FunctionDef vjp(Stmt.FunctionDef def, String name, List<String> wrt, Function<Expr, Object> resolve) {
        return new ReverseMode(resolve).build(def, name, wrt);
    }

    private Stmt.FunctionDef build(Stmt.FunctionDef def, String name, List<String> wrt) {
        Span sp = def.span();
        names = new Names(def);
        ct = names.reserve("_ct");
        tape = names.reserve("_tape");
        out = names.reserve("_out");
        List<String> params = parameterNames(def.params());
        locals.addAll(params);
        List<Stmt> body = Anf.normalize(def.body(), names, out);
        Anf.localNames(body, locals);
        for (String p : params) {
            assignments.put(p, 1);
        }
        countAssignments(body, assignments, false);
        wrt.forEach(w -> active.add(gathered(w) < 0 ? w : w.substring(0, w.indexOf('['))));
        propagateActivity(body);

        // A first reverse sweep finds which values the cotangent computations read; only those are
        // saved and restored when overwritten.
        Map<String, Integer> mark = names.mark();
        needed = new HashSet<>();
        sweepReverse(body, new ArrayList<>(), false);
        names.reset(mark);
        neededFinal = true;

        List<Stmt> forward = new ArrayList<>();
        sweepForward(body, forward, false);
        List<Stmt> reverse = new ArrayList<>();
        Expr.Name outBar = name(sp, bar(out));
        reverse.add(assign(sp, outBar, AdRules.helper(sp, "seed", name(sp, out), name(sp, ct))));
        for (String v : active) {
            if (!v.equals(out)) {
                boolean tapeVariable = v.startsWith("_tape") && locals.contains(v);
                reverse.add(assign(sp, name(sp, bar(v)), tapeVariable ? new Expr.ListExpr(sp, List.of()) : none(sp)));
            }
        }
        sweepReverse(body, reverse, false);

        List<Stmt> result = new ArrayList<>();
        if (usesTape) {
            result.add(assign(sp, name(sp, tape), new Expr.ListExpr(sp, List.of())));
        }
        for (String v : new java.util.TreeSet<>(assignments.keySet())) {
            if (multi(v) && !params.contains(v)) {
                result.add(assign(sp, name(sp, v), none(sp))); // so that the first push has a value
            }
        }
        result.addAll(forward);
        result.addAll(ZeroCotangents.simplify(reverse));
        List<Expr> grads = new ArrayList<>();
        for (String p : wrt) {
            int k = gathered(p);
            if (k < 0) {
                grads.add(AdRules.helper(sp, "zeros_like_tree", name(sp, bar(p)), name(sp, p)));
            } else {
                String args = p.substring(0, p.indexOf('['));
                Expr index = new Expr.Const(sp, (long) k);
                grads.add(AdRules.helper(sp, "zeros_like_tree", AdRules.helper(sp, "item", name(sp, bar(args)), index),
                        new Expr.Subscript(sp, name(sp, args), index)));
            }
        }
        result.add(new Stmt.Return(sp, new Expr.TupleExpr(sp, List.of(name(sp, out), new Expr.TupleExpr(sp, grads)))));

        List<Parameters.Param> positional = new ArrayList<>();
        positional.add(new Parameters.Param(sp, ct, null));
        positional.addAll(withoutDefaults(def.params().positional()));
        Parameters ps = new Parameters(positional, def.params().varargs(), withoutDefaults(def.params().keywordOnly()), def.params().kwargs());
        return new Stmt.FunctionDef(sp, name, ps, result, List.of());
    }

    /** k for a wrt entry "args[k]" (an argument gathered into *args), else -1. */
    private static int gathered(String wrt) {
        return wrt.endsWith("]") ? Integer.parseInt(wrt.substring(wrt.indexOf('[') + 1, wrt.length() - 1)) : -1;
    }

    private static List<Parameters.Param> withoutDefaults(List<Parameters.Param> ps) {
        return ps.stream().map(p -> new Parameters.Param(p.span(), p.name(), null)).toList();
    }

    static List<String> parameterNames(Parameters ps) {
        List<String> names = new ArrayList<>();
        ps.positional().forEach(p -> names.add(p.name()));
        if (ps.varargs() != null) {
            names.add(ps.varargs());
        }
        ps.keywordOnly().forEach(p -> names.add(p.name()));
        if (ps.kwargs() != null) {
            names.add(ps.kwargs());
        }
        return names;
    }

    // ---- analysis

    /** How often each name is assigned on one path (if/else branches count once; loops count as many). */
    private static void countAssignments(List<Stmt> body, Map<String, Integer> counts, boolean inLoop) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n -> counts.merge(n.id(), inLoop ? 2 : 1, Integer::sum);
                case Stmt.If f -> {
                    Map<String, Integer> left = new HashMap<>();
                    Map<String, Integer> right = new HashMap<>();
                    countAssignments(f.body(), left, inLoop);
                    countAssignments(f.orElse(), right, inLoop);
                    right.forEach((k, v) -> left.merge(k, v, Math::max));
                    left.forEach((k, v) -> counts.merge(k, v, Integer::sum));
                }
                case Stmt.For f -> countAssignments(f.body(), counts, true);
                case Stmt.While w -> countAssignments(w.body(), counts, true);
                default -> {
                }
            }
        }
    }

    /** Whether v is assigned more than once on a path (or in a loop). */
    private boolean reassigned(String v) {
        return assignments.getOrDefault(v, 0) > 1 && !control.contains(v);
    }

    /** Whether v is overwritten while the reverse sweep still needs an earlier value of it: saved and restored. */
    private boolean multi(String v) {
        return reassigned(v) && (!neededFinal || needed.contains(v));
    }

    private void propagateActivity(List<Stmt> body) {
        int before;
        do {
            before = active.size();
            markActive(body);
        } while (active.size() != before);
    }

    private void markActive(List<Stmt> body) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n -> {
                    if (isActive(a.value(), a.span())) {
                        active.add(n.id());
                    }
                }
                case Stmt.Assign a -> {
                    if (readsActive(a.value()) || a.targets().stream().anyMatch(this::readsActive)) {
                        throw new TransformError(a.span(), "differentiating in-place updates of lists, dicts or attributes is not supported; build a new value instead");
                    }
                }
                case Stmt.If f -> {
                    markActive(f.body());
                    markActive(f.orElse());
                }
                case Stmt.For f -> markActive(f.body());
                case Stmt.While w -> markActive(w.body());
                case Stmt.FunctionDef d -> {
                    if (!d.body().isEmpty() && closesOverActive(d)) {
                        throw new TransformError(d.span(), "differentiating a nested function that reads a differentiated variable from its enclosing function is not supported; pass the value as an argument");
                    }
                }
                case Stmt.ExprStmt e when tapeOf(e.value(), "append") != null -> {
                    if (isActiveAtom(((Expr.Call) e.value()).args().get(0))) {
                        active.add(tapeOf(e.value(), "append"));
                    }
                }
                case Stmt.ExprStmt e when e.value() instanceof Expr.Call c && c.func() instanceof Expr.Attribute m
                        && Set.of("append", "extend", "insert", "update", "setdefault").contains(m.attr()) && readsActive(e.value()) ->
                    throw new TransformError(e.span(), "differentiating in-place updates of lists or dicts is not supported; build a new value instead");
                default -> {
                }
            }
        }
    }

    private boolean closesOverActive(Stmt.FunctionDef d) {
        Set<String> inner = new HashSet<>(parameterNames(d.params()));
        for (Stmt s : d.body()) {
            if (s instanceof Stmt.Assign a && a.targets().get(0) instanceof Expr.Name n) {
                inner.add(n.id());
            }
        }
        Set<String> reads = new HashSet<>();
        d.body().forEach(st -> reads.addAll(Exprs.statementNames(st)));
        reads.removeAll(inner);
        reads.retainAll(active);
        return !reads.isEmpty();
    }

    /**
     * For T.append(v) or T.pop() on the tape of code that grad generated (grad of grad): T's name.
     * Such a tape is differentiated as a stack: what is popped in the forward sweep had been
     * pushed, so cotangents travel back through a stack of their own (T_bar) in the reverse sweep.
     */
    private String tapeOf(Expr e, String method) {
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Attribute m && m.attr().equals(method)
                && m.value() instanceof Expr.Name t && t.id().startsWith("_tape") && locals.contains(t.id())) {
            return t.id();
        }
        return null;
    }

    /** The active tapes popped somewhere inside e (an if's test, a loop's range). */
    private List<String> tapePops(Expr e) {
        List<String> found = new ArrayList<>();
        if (e instanceof Expr.Call c) {
            String t = tapeOf(c, "pop");
            if (t != null && active.contains(t)) {
                found.add(t);
            }
            c.args().forEach(a -> found.addAll(tapePops(a)));
        }
        return found;
    }

    private boolean readsActive(Expr e) {
        for (String n : Exprs.names(e)) {
            if (active.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean isActiveAtom(Expr e) {
        return e instanceof Expr.Name n && active.contains(n.id());
    }

    /** Whether the value of a let-bound right-hand side depends on a differentiated parameter. */
    private boolean isActive(Expr rhs, Span span) {
        return switch (rhs) {
            case Expr.Name n -> active.contains(n.id());
            case Expr.Const c -> false;
            case Expr.BinOp b -> AdRules.operatorFunction(b.op()) != null && (isActiveAtom(b.left()) || isActiveAtom(b.right()));
            case Expr.UnaryOp u -> isActiveAtom(u.operand());
            case Expr.Attribute a -> Set.of("T", "mT", "real").contains(a.attr()) && isActiveAtom(a.value());
            case Expr.Subscript s -> isActiveAtom(s.value());
            case Expr.TupleExpr t -> t.elts().stream().anyMatch(this::isActiveAtom);
            case Expr.ListExpr l -> l.elts().stream().anyMatch(this::isActiveAtom);
            case Expr.DictExpr d -> d.values().stream().anyMatch(this::isActiveAtom);
            case Expr.Call c when tapeOf(c, "pop") != null -> active.contains(tapeOf(c, "pop"));
            case Expr.Call c -> {
                boolean any = operands(c).stream().anyMatch(this::isActiveAtom);
                if (!any) {
                    yield false;
                }
                Callee callee = callee(c);
                if (callee instanceof Missing m) {
                    throw new TransformError(span, "no differentiation rule for " + m.name());
                }
                yield !(callee instanceof NotDifferentiable);
            }
            case Expr.Lambda l -> failIfActive(l, span);
            case Expr.ListComp l -> failIfActive(l, span);
            case Expr.DictComp l -> failIfActive(l, span);
            default -> false; // comparisons, not, and/or, f-strings: no derivative
        };
    }

    private boolean failIfActive(Expr e, Span span) {
        if (readsActive(e)) {
            throw new TransformError(span, "differentiating through a lambda or comprehension that uses a differentiated value is not supported; use a def or a for loop");
        }
        return false;
    }

    /** The operands of a call that can carry derivatives: positional and keyword arguments, the receiver of a method, the value of an .at update. */
    private List<Expr> operands(Expr.Call c) {
        List<Expr> out = new ArrayList<>();
        for (Expr a : c.args()) {
            out.add(a instanceof Expr.Starred s ? s.value() : a);
        }
        c.keywords().forEach(k -> out.add(k.value()));
        if (CallSite.atUpdate(c) != null) {
            out.add(CallSite.atUpdate(c).value());
        } else if (CallSite.methodReceiver(c, locals) != null) {
            out.add(CallSite.methodReceiver(c, locals));
        }
        return out;
    }


    private Callee callee(Expr.Call c) {
        return callees.computeIfAbsent(c, this::classify);
    }

    private Callee classify(Expr.Call c) {
        if (CallSite.atSubscript(c) != null) {
            String op = ((Expr.Attribute) c.func()).attr();
            return switch (op) {
                case "set", "add", "multiply", "get" -> new Rule(Map.of(), Map.of());
                default -> new Missing(".at[...]." + op);
            };
        }
        Expr receiver = CallSite.methodReceiver(c, locals);
        Object fn;
        List<Expr> args = new ArrayList<>(c.args());
        if (receiver != null) {
            String method = ((Expr.Attribute) c.func()).attr();
            fn = jaxon.builtins.ArrayMethodTable.lookup(method);
            if (fn == null) {
                return new Missing("the method ." + method + "()");
            }
            args.add(0, receiver);
        } else if (Exprs.isDottedName(c.func()) && !(c.func() instanceof Expr.Name n && locals.contains(n.id()))) {
            fn = resolve.apply(c.func());
        } else {
            return new Runtime();
        }
        if (fn instanceof PyType) {
            return new NotDifferentiable();
        }
        String key = CallSite.qualifiedName(fn);
        if (key != null && AdRules.notDifferentiable(key)) {
            return new NotDifferentiable();
        }
        Map<String, Expr> templates = key == null ? null : AdRules.rule(key);
        if (templates != null) {
            Signature sig = fn instanceof BuiltinFunction b ? b.signature : ((PFunction) fn).signature;
            Map<String, Expr> bound = CallSite.bind(sig, args, c.keywords(), c.span());
            return bound == null ? new Runtime() : new Rule(templates, bound);
        }
        if (fn instanceof BuiltinFunction) {
            // vm.call: a Jaxon function called from vmapped code, differentiated through its batched vjp at run time
            return "jaxon.vm.call".equals(key) ? new Runtime() : new Missing(key);
        }
        return new Runtime();
    }

    // ---- forward sweep

    private void sweepForward(List<Stmt> body, List<Stmt> out, boolean inLoop) {
        for (Stmt s : body) {
            Span sp = s.span();
            switch (s) {
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n -> {
                    if (multi(n.id())) {
                        out.add(push(sp, n));
                    }
                    out.add(a);
                }
                case Stmt.If f -> {
                    Expr.Name flag = control(sp, "_c");
                    out.add(assign(sp, flag, f.test()));
                    List<Stmt> then = new ArrayList<>();
                    List<Stmt> orElse = new ArrayList<>();
                    sweepForward(f.body(), then, inLoop);
                    sweepForward(f.orElse(), orElse, inLoop);
                    out.add(new Stmt.If(sp, flag, then, orElse));
                    if (inLoop) {
                        out.add(push(sp, flag));
                    }
                    branchFlags.put(f, flag);
                }
                case Stmt.For f -> {
                    Expr.Name count = control(sp, "_n");
                    out.add(assign(sp, count, new Expr.Const(sp, 0L)));
                    List<Stmt> loop = new ArrayList<>();
                    sweepForward(f.body(), loop, true);
                    loop.add(assign(sp, count, new Expr.BinOp(sp, count, Expr.BinaryOp.ADD, new Expr.Const(sp, 1L))));
                    if (needed.contains(((Expr.Name) f.target()).id())) {
                        loop.add(push(sp, (Expr.Name) f.target()));
                    }
                    out.add(new Stmt.For(sp, f.target(), f.iter(), loop, List.of()));
                    if (inLoop) {
                        out.add(push(sp, count));
                    }
                    loopCounts.put(f, count);
                }
                case Stmt.While w -> {
                    Expr.Name count = control(sp, "_n");
                    out.add(assign(sp, count, new Expr.Const(sp, 0L)));
                    List<Stmt> loop = new ArrayList<>();
                    sweepForward(w.body(), loop, true);
                    loop.add(assign(sp, count, new Expr.BinOp(sp, count, Expr.BinaryOp.ADD, new Expr.Const(sp, 1L))));
                    out.add(new Stmt.While(sp, w.test(), loop, List.of()));
                    if (inLoop) {
                        out.add(push(sp, count));
                    }
                    loopCounts.put(w, count);
                }
                default -> out.add(s);
            }
        }
    }

    private Expr.Name control(Span sp, String prefix) {
        Expr.Name n = fresh(sp, prefix);
        control.add(n.id());
        return n;
    }

    private Stmt push(Span sp, Expr.Name value) {
        usesTape = true;
        return push(sp, name(sp, tape), value);
    }

    private static Stmt push(Span sp, Expr.Name list, Expr value) {
        return new Stmt.ExprStmt(sp, new Expr.Call(sp, new Expr.Attribute(sp, list, "append"), List.of(value), List.of()));
    }

    private Expr pop(Span sp) {
        usesTape = true;
        return new Expr.Call(sp, new Expr.Attribute(sp, name(sp, tape), "pop"), List.of(), List.of());
    }

    // ---- reverse sweep

    private void sweepReverse(List<Stmt> body, List<Stmt> out, boolean inLoop) {
        for (int i = body.size() - 1; i >= 0; i--) {
            Stmt s = body.get(i);
            Span sp = s.span();
            switch (s) {
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n && tapeOf(a.value(), "pop") != null -> {
                    String tapeName = tapeOf(a.value(), "pop");
                    if (active.contains(tapeName)) {
                        out.add(push(sp, name(sp, bar(tapeName)), active.contains(n.id()) ? name(sp, bar(n.id())) : none(sp)));
                    }
                    if (reassigned(n.id()) && active.contains(n.id())) {
                        out.add(assign(sp, name(sp, bar(n.id())), none(sp)));
                    }
                    if (multi(n.id())) {
                        out.add(assign(sp, n, pop(sp)));
                    }
                }
                case Stmt.ExprStmt e when tapeOf(e.value(), "append") != null && active.contains(tapeOf(e.value(), "append")) -> {
                    Expr popped = new Expr.Call(sp, new Expr.Attribute(sp, name(sp, bar(tapeOf(e.value(), "append"))), "pop"), List.of(), List.of());
                    Expr value = ((Expr.Call) e.value()).args().get(0);
                    if (isActiveAtom(value)) {
                        accumulate(value, popped, sp, out);
                    } else {
                        out.add(new Stmt.ExprStmt(sp, popped));
                    }
                }
                case Stmt.Assign a when a.targets().get(0) instanceof Expr.Name n -> {
                    if (active.contains(n.id())) {
                        List<Stmt> contributions = new ArrayList<>();
                        adjoint(n, a.value(), sp, contributions);
                        if (!contributions.isEmpty()) {
                            out.add(new Stmt.If(sp, new Expr.Compare(sp, name(sp, bar(n.id())), List.of(Expr.CompareOp.IS_NOT),
                                    List.of(none(sp))), contributions, List.of()));
                        }
                    }
                    if (reassigned(n.id()) && active.contains(n.id())) {
                        out.add(assign(sp, name(sp, bar(n.id())), none(sp))); // the earlier value has its own cotangent
                    }
                    if (multi(n.id())) {
                        out.add(assign(sp, n, pop(sp)));
                    }
                }
                case Stmt.If f -> {
                    List<Stmt> then = new ArrayList<>();
                    List<Stmt> orElse = new ArrayList<>();
                    sweepReverse(f.body(), then, inLoop);
                    sweepReverse(f.orElse(), orElse, inLoop);
                    out.add(new Stmt.If(sp, inLoop ? pop(sp) : orPlaceholder(branchFlags.get(f), sp), then, orElse));
                    tapePops(f.test()).forEach(t -> out.add(push(sp, name(sp, bar(t)), none(sp))));
                }
                case Stmt.For f -> {
                    List<Stmt> loop = new ArrayList<>();
                    if (!neededFinal || needed.contains(((Expr.Name) f.target()).id())) {
                        loop.add(assign(sp, (Expr.Name) f.target(), pop(sp)));
                    }
                    sweepReverse(f.body(), loop, true);
                    out.add(replay(sp, inLoop ? pop(sp) : orPlaceholder(loopCounts.get(f), sp), loop));
                    tapePops(f.iter()).forEach(t -> out.add(push(sp, name(sp, bar(t)), none(sp))));
                }
                case Stmt.While w -> {
                    List<Stmt> loop = new ArrayList<>();
                    sweepReverse(w.body(), loop, true);
                    out.add(replay(sp, inLoop ? pop(sp) : orPlaceholder(loopCounts.get(w), sp), loop));
                }
                default -> {
                }
            }
        }
    }

    /** The first reverse sweep runs before the forward sweep has named the flags and counts. */
    private static Expr orPlaceholder(Expr.Name n, Span sp) {
        return n != null ? n : none(sp);
    }

    private static Stmt replay(Span sp, Expr count, List<Stmt> body) {
        Expr range = new Expr.Call(sp, new Expr.Name(sp, "range"), List.of(count), List.of());
        return new Stmt.For(sp, new Expr.Name(sp, "_"), range, body.isEmpty() ? List.of(new Stmt.Pass(sp)) : body, List.of());
    }

    /** Statements adding to the operands' cotangents the contribution of t = rhs, given t_bar. */
    private void adjoint(Expr.Name t, Expr rhs, Span sp, List<Stmt> out) {
        Expr g = name(sp, bar(t.id()));
        switch (rhs) {
            case Expr.Name n -> accumulate(n, g, sp, out);
            case Expr.BinOp b -> {
                Map<String, Expr> templates = AdRules.rule(AdRules.operatorFunction(b.op()));
                String[] params = b.op() == Expr.BinaryOp.MATMUL ? new String[]{"a", "b"} : new String[]{"x1", "x2"};
                Map<String, Expr> bound = Map.of(params[0], b.left(), params[1], b.right());
                boolean scalarPartner = isNumber(b.left()) || isNumber(b.right());
                applyRule(templates, bound, t, sp, out, scalarPartner && b.op() != Expr.BinaryOp.MATMUL);
            }
            case Expr.UnaryOp u -> accumulate(u.operand(), u.op() == Expr.UnaryOperator.NEG ? new Expr.UnaryOp(sp, Expr.UnaryOperator.NEG, g) : g, sp, out);
            case Expr.Attribute a -> accumulate(a.value(), switch (a.attr()) {
                case "T" -> call(sp, AdRules.instantiate(parseRef("jnp.transpose"), Map.of(), sp), g);
                case "mT" -> call(sp, AdRules.instantiate(parseRef("jnp.swapaxes"), Map.of(), sp), g, new Expr.Const(sp, -1L), new Expr.Const(sp, -2L));
                default -> g;
            }, sp, out);
            case Expr.Subscript s -> accumulate(s.value(), AdRules.helper(sp, "index_adjoint", g, s.value(), CallSite.indexValue(s.index())), sp, out);
            case Expr.TupleExpr tu -> elements(tu.elts(), g, sp, out);
            case Expr.ListExpr l -> elements(l.elts(), g, sp, out);
            case Expr.DictExpr d -> {
                for (int i = 0; i < d.keys().size(); i++) {
                    accumulate(d.values().get(i), AdRules.helper(sp, "item", g, d.keys().get(i)), sp, out);
                }
            }
            case Expr.Call c -> callAdjoint(t, c, sp, out);
            default -> {
            }
        }
    }

    private static Expr parseRef(String dotted) {
        String[] parts = dotted.split("\\.");
        Expr e = new Expr.Name(Span.NONE, parts[0]);
        for (int i = 1; i < parts.length; i++) {
            e = new Expr.Attribute(Span.NONE, e, parts[i]);
        }
        return e;
    }

    private void elements(List<Expr> elts, Expr g, Span sp, List<Stmt> out) {
        for (int i = 0; i < elts.size(); i++) {
            accumulate(elts.get(i), AdRules.helper(sp, "item", g, new Expr.Const(sp, (long) i)), sp, out);
        }
    }

    private void callAdjoint(Expr.Name t, Expr.Call c, Span sp, List<Stmt> out) {
        Expr g = name(sp, bar(t.id()));
        switch (callee(c)) {
            case Rule r when CallSite.atSubscript(c) != null -> {
                Expr.Subscript at = CallSite.atSubscript(c);
                Expr x = ((Expr.Attribute) at.value()).value();
                Expr index = at.index();
                String op = ((Expr.Attribute) c.func()).attr();
                Expr v = c.args().isEmpty() ? null : c.args().get(0);
                Expr gAt = new Expr.Subscript(sp, g, index);
                switch (op) {
                    case "set" -> {
                        accumulate(x, new Expr.Call(sp, new Expr.Attribute(sp, new Expr.Subscript(sp, new Expr.Attribute(sp, g, "at"), index), "set"),
                                List.of(new Expr.Const(sp, 0.0)), List.of()), sp, out);
                        accumulate(v, AdRules.helper(sp, "unbroadcast", gAt, v), sp, out);
                    }
                    case "add" -> {
                        accumulate(x, g, sp, out);
                        accumulate(v, AdRules.helper(sp, "unbroadcast", gAt, v), sp, out);
                    }
                    case "multiply" -> {
                        accumulate(x, new Expr.Call(sp, new Expr.Attribute(sp, new Expr.Subscript(sp, new Expr.Attribute(sp, g, "at"), index), "multiply"),
                                List.of(v), List.of()), sp, out);
                        accumulate(v, AdRules.helper(sp, "unbroadcast", new Expr.BinOp(sp, gAt, Expr.BinaryOp.MUL, new Expr.Subscript(sp, x, index)), v), sp, out);
                    }
                    default -> accumulate(x, AdRules.helper(sp, "index_adjoint", g, x, CallSite.indexValue(index)), sp, out); // get
                }
            }
            case Rule r -> applyRule(r.templates(), r.bound(), t, sp, out, false);
            case Runtime r -> {
                List<Expr> args = new ArrayList<>();
                List<Expr> positions = new ArrayList<>();
                for (int i = 0; i < c.args().size(); i++) {
                    Expr a = c.args().get(i);
                    if (a instanceof Expr.Starred && readsActive(a)) {
                        throw new TransformError(sp, "differentiating a call with *arguments that carry derivatives is not supported yet");
                    }
                    args.add(a);
                    if (isActiveAtom(a)) {
                        positions.add(new Expr.Const(sp, (long) i));
                    }
                }
                for (Expr.Keyword k : c.keywords()) {
                    if (isActiveAtom(k.value())) {
                        throw new TransformError(sp, "differentiating with respect to keyword argument '" + k.name() + "' is not supported yet; pass it by position");
                    }
                }
                List<Expr> keys = new ArrayList<>();
                List<Expr> values = new ArrayList<>();
                for (Expr.Keyword k : c.keywords()) {
                    keys.add(k.name() == null ? null : new Expr.Const(sp, k.name()));
                    values.add(k.value());
                }
                Expr.Name cts = fresh(sp, "_g");
                Expr adjoint = AdRules.helper(sp, "call_adjoint", c.func(), new Expr.TupleExpr(sp, args),
                        new Expr.DictExpr(sp, keys, values), new Expr.TupleExpr(sp, positions), g);
                record(adjoint);
                out.add(assign(sp, cts, adjoint));
                for (int i = 0; i < positions.size(); i++) {
                    int arg = (int) (long) (Long) ((Expr.Const) positions.get(i)).value();
                    accumulate(c.args().get(arg), AdRules.helper(sp, "item", cts, new Expr.Const(sp, (long) i)), sp, out);
                }
            }
            default -> {
            }
        }
    }

    private static boolean isNumber(Expr e) {
        return e instanceof Expr.Const c && (c.value() instanceof Long || c.value() instanceof Double);
    }

    /** Adds each active operand's contribution; scalarPartner: the other operand is a Python number, so nothing was broadcast. */
    private void applyRule(Map<String, Expr> templates, Map<String, Expr> bound, Expr.Name t, Span sp, List<Stmt> out, boolean scalarPartner) {
        Map<String, Expr> bindings = new HashMap<>(bound);
        bindings.put("g", name(sp, bar(t.id())));
        bindings.put("y", t);
        for (Map.Entry<String, Expr> e : bound.entrySet()) {
            Expr operand = e.getValue();
            Expr template = templates.get(e.getKey());
            boolean carries = operand instanceof Expr.TupleExpr tu ? tu.elts().stream().anyMatch(this::isActiveAtom) : isActiveAtom(operand);
            if (!carries) {
                continue;
            }
            if (template == null) {
                throw new TransformError(sp, "no differentiation rule for argument '" + e.getKey() + "'");
            }
            if (template instanceof Expr.Const c && c.value() == PNone.NONE) {
                continue; // the argument only contributes its shape
            }
            Expr contribution = Exprs.simplify(AdRules.instantiate(template, bindings, sp));
            if (scalarPartner) {
                contribution = Exprs.withoutUnbroadcast(contribution);
            }
            if (operand instanceof Expr.TupleExpr tu) { // *args parameter: the rule gives one cotangent per element
                Expr.Name parts = fresh(sp, "_g");
                record(contribution);
                out.add(assign(sp, parts, contribution));
                elements(tu.elts(), parts, sp, out);
            } else {
                accumulate(operand, contribution, sp, out);
            }
        }
    }

    /** Notes the variables an expression of the reverse sweep reads. */
    private void record(Expr e) {
        if (!neededFinal) {
            needed.addAll(Exprs.names(e));
        }
    }

    /** v_bar = ad.add(v_bar, contribution) when v is an active variable. */
    private void accumulate(Expr operand, Expr contribution, Span sp, List<Stmt> out) {
        if (isActiveAtom(operand)) {
            record(contribution);
            Expr.Name b = name(sp, bar(((Expr.Name) operand).id()));
            out.add(assign(sp, b, AdRules.helper(sp, "add", b, contribution)));
        }
    }

    // ---- small builders

    private String bar(String v) {
        return names.bar(v);
    }

    private Expr.Name fresh(Span sp, String prefix) {
        return names.freshName(sp, prefix);
    }

    private static Expr.Name name(Span sp, String id) {
        return new Expr.Name(sp, id);
    }

    private static Expr none(Span sp) {
        return new Expr.Const(sp, PNone.NONE);
    }

    private static Stmt assign(Span sp, Expr.Name target, Expr value) {
        return new Stmt.Assign(sp, List.of(target), value);
    }

    private static Expr call(Span sp, Expr func, Expr... args) {
        return new Expr.Call(sp, func, List.of(args), List.of());
    }
}
