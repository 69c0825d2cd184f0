package jaxon.transform;

import java.util.ArrayList;
import java.util.List;
import jaxon.ast.Expr;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.runtime.PNone;

/**
 * Brings a function body into the let-bound form the transformations work on: every operation
 * assigns its result to a variable and takes variables or constants as operands; returns become
 * assignments to a result variable at the end of each path; tuple targets, augmented assignments,
 * conditional expressions and loops over sequences become plain assignments, ifs and loops over
 * ranges. Conditions, comparisons, lambdas and comprehensions stay as written: their values are
 * never differentiated.
 */
final class Anf {
    private final Names names;
    /** The variable that receives the function's result. */
    private final String result;
    private List<Stmt> out = new ArrayList<>();

    private Anf(Names names, String result) {
        this.names = names;
        this.result = result;
    }

    /** body in let-bound form; its result is assigned to the variable named result. */
    static List<Stmt> normalize(List<Stmt> body, Names names, String result) {
        Anf anf = new Anf(names, result);
        anf.block(anf.returnsToOut(body, false));
        return anf.out;
    }

    // ---- returns

    /** Replaces the returns of body by assignments to _out, moving the statements after an if into its branches. */
    private List<Stmt> returnsToOut(List<Stmt> body, boolean inLoop) {
        List<Stmt> emitted = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            if (s instanceof Stmt.Return r) {
                if (inLoop) {
                    throw unsupported(s, "a return inside a loop");
                }
                emitted.add(new Stmt.Assign(r.span(), List.of(new Expr.Name(r.span(), result)),
                        r.value() == null ? new Expr.Const(r.span(), PNone.NONE) : r.value()));
                return emitted;
            }
            if (s instanceof Stmt.If f && containsReturn(f)) {
                if (inLoop) {
                    throw unsupported(s, "a return inside a loop");
                }
                List<Stmt> rest = body.subList(i + 1, body.size());
                emitted.add(new Stmt.If(f.span(), f.test(), returnsToOut(concat(f.body(), rest), false),
                        returnsToOut(concat(f.orElse(), rest), false)));
                return emitted;
            }
            if ((s instanceof Stmt.For || s instanceof Stmt.While) && containsReturn(s)) {
                throw unsupported(s, "a return inside a loop");
            }
            emitted.add(s);
        }
        if (!inLoop) {
            Span end = body.isEmpty() ? Span.NONE : body.get(body.size() - 1).span();
            emitted.add(new Stmt.Assign(end, List.of(new Expr.Name(end, result)), new Expr.Const(end, PNone.NONE)));
        }
        return emitted;
    }

    private static boolean containsReturn(Stmt s) {
        return switch (s) {
            case Stmt.Return r -> true;
            case Stmt.If f -> f.body().stream().anyMatch(Anf::containsReturn) || f.orElse().stream().anyMatch(Anf::containsReturn);
            case Stmt.For f -> f.body().stream().anyMatch(Anf::containsReturn);
            case Stmt.While w -> w.body().stream().anyMatch(Anf::containsReturn);
            default -> false;
        };
    }

    private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
        List<Stmt> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static TransformError unsupported(Stmt s, String what) {
        return new TransformError(s.span(), what + " is not supported yet in a function that grad or vmap transforms");
    }

    // ---- statements

    /** Statements (without returns) in let-bound form, with new variables from names. */
    static List<Stmt> normalizeStatements(List<Stmt> body, Names names) {
        Anf anf = new Anf(names, null);
        anf.block(body);
        return anf.out;
    }

    private List<Stmt> nested(List<Stmt> body) {
        List<Stmt> saved = out;
        out = new ArrayList<>();
        block(body);
        List<Stmt> result = out;
        out = saved;
        return result;
    }

    private void block(List<Stmt> body) {
        for (Stmt s : body) {
            stmt(s);
        }
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.Assign a -> {
                if (a.targets().size() == 1) {
                    assign(a.targets().get(0), a.value(), a.span());
                } else {
                    Expr value = atom(a.value());
                    for (Expr t : a.targets()) {
                        assign(t, value, a.span());
                    }
                }
            }
            case Stmt.AugAssign a when a.target() instanceof Expr.Name n ->
                assign(n, new Expr.BinOp(a.span(), n, a.op(), a.value()), a.span());
            case Stmt.AnnAssign a when a.value() != null -> assign(a.target(), a.value(), a.span());
            case Stmt.If f -> out.add(new Stmt.If(f.span(), f.test(), nested(f.body()), nested(f.orElse())));
            case Stmt.For f -> forLoop(f);
            case Stmt.While w -> {
                if (!w.orElse().isEmpty()) {
                    throw unsupported(s, "a while loop with an else clause");
                }
                checkNoJumps(w.body());
                out.add(new Stmt.While(w.span(), w.test(), nested(w.body()), List.of()));
            }
            case Stmt.Pass p -> {
            }
            case Stmt.ExprStmt e when listUpdate(e) != null -> { // x.append(v): v let-bound, so that vmap can batch it
                Expr.Call c = (Expr.Call) e.value();
                out.add(new Stmt.ExprStmt(e.span(), new Expr.Call(c.span(), c.func(), c.args().stream().map(this::atom).toList(), List.of())));
            }
            case Stmt.Try t -> throw unsupported(s, "a try statement");
            case Stmt.Break b -> throw unsupported(s, "break");
            case Stmt.Continue c -> throw unsupported(s, "continue");
            default -> out.add(s); // evaluated in the forward sweep only (print, assert, nested def, ...)
        }
    }

    /** For x.append(v), x.extend(v) or x.insert(i, v) on a variable x: x; else null. */
    static Expr.Name listUpdate(Stmt s) {
        if (s instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Call c && c.keywords().isEmpty()
                && c.args().stream().noneMatch(a -> a instanceof Expr.Starred)
                && c.func() instanceof Expr.Attribute m && m.value() instanceof Expr.Name x
                && java.util.Set.of("append", "extend", "insert").contains(m.attr())) {
            return x;
        }
        return null;
    }

    private void checkNoJumps(List<Stmt> body) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Break b -> throw unsupported(s, "a loop with break");
                case Stmt.Continue c -> throw unsupported(s, "a loop with continue");
                case Stmt.If f -> {
                    checkNoJumps(f.body());
                    checkNoJumps(f.orElse());
                }
                default -> {
                }
            }
        }
    }

    /**
     * for target in range(...): becomes a loop over a hidden counter that assigns the target first;
     * for target in seq: iterates over the indices of the sequence and assigns target = seq[i].
     */
    private void forLoop(Stmt.For f) {
        if (!f.orElse().isEmpty()) {
            throw unsupported(f, "a for loop with an else clause");
        }
        checkNoJumps(f.body());
        Span sp = f.span();
        Expr.Name counter = fresh(sp, "_i");
        List<Stmt> body = new ArrayList<>();
        Expr iter;
        if (f.iter() instanceof Expr.Call c && c.func() instanceof Expr.Name n && n.id().equals("range")) {
            iter = new Expr.Call(c.span(), c.func(), c.args().stream().map(this::atom).toList(), List.of());
            body.add(new Stmt.Assign(sp, List.of(f.target()), counter));
        } else {
            Expr.Name seq = fresh(sp, "_s");
            out.add(new Stmt.Assign(sp, List.of(seq), AdRules.helper(sp, "sequence", atom(f.iter()))));
            iter = call(sp, new Expr.Name(sp, "range"), call(sp, new Expr.Name(sp, "len"), seq));
            body.add(new Stmt.Assign(sp, List.of(f.target()), new Expr.Subscript(sp, seq, counter)));
        }
        body.addAll(f.body());
        out.add(new Stmt.For(sp, counter, iter, nested(body), List.of()));
    }

    private static Expr call(Span sp, Expr func, Expr... args) {
        return new Expr.Call(sp, func, List.of(args), List.of());
    }

    private void assign(Expr target, Expr value, Span sp) {
        switch (target) {
            case Expr.Name n -> {
                Expr rhs = simple(value);
                if (!(rhs instanceof Expr.Name || rhs instanceof Expr.Const) && reads(rhs, n.id())) {
                    Expr.Name t = fresh(sp, "_t");
                    out.add(new Stmt.Assign(sp, List.of(t), rhs));
                    rhs = t;
                }
                out.add(new Stmt.Assign(sp, List.of(n), rhs));
            }
            case Expr.TupleExpr t -> unpack(t.elts(), value, sp);
            case Expr.ListExpr l -> unpack(l.elts(), value, sp);
            case Expr.Subscript x when x.value() instanceof Expr.Name -> // a[i] = v: v let-bound, so that vmap can batch it
                out.add(new Stmt.Assign(sp, List.of(target), atom(value)));
            default -> out.add(new Stmt.Assign(sp, List.of(target), value)); // obj.attr = v: forward only
        }
    }

    private void unpack(List<Expr> targets, Expr value, Span sp) {
        Expr.Name whole = asName(atom(value), sp);
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) instanceof Expr.Starred) {
                throw new TransformError(sp, "a starred assignment target is not supported yet in a function that grad or vmap transforms");
            }
            assign(targets.get(i), new Expr.Subscript(sp, whole, new Expr.Const(sp, (long) i)), sp);
        }
    }

    private Expr.Name asName(Expr atom, Span sp) {
        if (atom instanceof Expr.Name n) {
            return n;
        }
        Expr.Name t = fresh(sp, "_t");
        out.add(new Stmt.Assign(sp, List.of(t), atom));
        return t;
    }

    private static boolean reads(Expr e, String name) {
        return Exprs.names(e).contains(name);
    }

    private Expr.Name fresh(Span sp, String prefix) {
        return names.freshName(sp, prefix);
    }

    // ---- expressions

    /** A variable or constant holding e's value. */
    private Expr atom(Expr e) {
        Expr s = simple(e);
        if (s instanceof Expr.Name || s instanceof Expr.Const) {
            return s;
        }
        Expr.Name t = fresh(e.span(), "_t");
        out.add(new Stmt.Assign(e.span(), List.of(t), s));
        return t;
    }

    /** e as one operation over atoms (or an expression that is never differentiated, left as written). */
    private Expr simple(Expr e) {
        Span sp = e.span();
        return switch (e) {
            case Expr.Name n -> n;
            case Expr.Const c -> c;
            case Expr.BinOp b -> new Expr.BinOp(sp, atom(b.left()), b.op(), atom(b.right()));
            case Expr.UnaryOp u when u.op() == Expr.UnaryOperator.NEG || u.op() == Expr.UnaryOperator.POS ->
                new Expr.UnaryOp(sp, u.op(), atom(u.operand()));
            case Expr.Call c when sumOfComprehension(c) != null -> sumLoop(sumOfComprehension(c));
            case Expr.Call c -> new Expr.Call(sp, callee(c.func()), c.args().stream().map(this::argument).toList(),
                    c.keywords().stream().map(k -> new Expr.Keyword(k.span(), k.name(), atom(k.value()))).toList());
            case Expr.Attribute a -> new Expr.Attribute(sp, atom(a.value()), a.attr());
            case Expr.Subscript s -> new Expr.Subscript(sp, atom(s.value()), index(s.index()));
            case Expr.TupleExpr t -> new Expr.TupleExpr(sp, t.elts().stream().map(this::argument).toList());
            case Expr.ListExpr l -> new Expr.ListExpr(sp, l.elts().stream().map(this::argument).toList());
            case Expr.DictExpr d -> new Expr.DictExpr(sp, d.keys().stream().map(k -> k == null ? null : atom(k)).toList(),
                    d.values().stream().map(this::atom).toList());
            case Expr.IfExp i -> {
                Expr.Name t = fresh(sp, "_t");
                List<Stmt> body = nested(List.of(new Stmt.Assign(sp, List.of(t), i.body())));
                List<Stmt> orElse = nested(List.of(new Stmt.Assign(sp, List.of(t), i.orElse())));
                out.add(new Stmt.If(sp, i.test(), body, orElse));
                yield t;
            }
            case Expr.Compare c when c.ops().size() == 1 -> new Expr.Compare(sp, atom(c.left()), c.ops(), List.of(atom(c.comparators().get(0))));
            default -> e; // chained comparisons, not, and/or, f-strings, lambdas, other comprehensions
        };
    }

    /**
     * The comprehension in sum(x for ... ) or sum([x for ...]) when it can become a loop: its
     * expressions hold no lambda or comprehension of their own (whose names renaming would miss).
     */
    private static Expr.ListComp sumOfComprehension(Expr.Call c) {
        if (c.func() instanceof Expr.Name n && n.id().equals("sum") && c.args().size() == 1 && c.keywords().isEmpty()
                && c.args().get(0) instanceof Expr.ListComp lc && lc.kind() != Expr.CompKind.SET && Exprs.substitutable(lc.elt())
                && lc.generators().stream().allMatch(g -> Exprs.substitutable(g.target()) && Exprs.substitutable(g.iter()) && g.ifs().stream().allMatch(Exprs::substitutable))) {
            return lc;
        }
        return null;
    }


    /**
     * sum over a comprehension as the loop Python's sum runs (0 + e1 + e2 + ...), so that grad can
     * differentiate it: the comprehension's variables are renamed, as they are local to it.
     */
    private Expr sumLoop(Expr.ListComp lc) {
        Span sp = lc.span();
        java.util.Map<String, Expr> renamed = new java.util.HashMap<>();
        for (Expr.Comprehension g : lc.generators()) {
            for (String v : Exprs.names(g.target())) {
                renamed.put(v, fresh(sp, "_" + v));
            }
        }
        Expr.Name acc = fresh(sp, "_sum");
        out.add(new Stmt.Assign(sp, List.of(acc), new Expr.Const(sp, 0L)));
        List<Stmt> body = List.of(new Stmt.Assign(sp, List.of(acc),
                new Expr.BinOp(sp, acc, Expr.BinaryOp.ADD, Exprs.substitute(lc.elt(), renamed))));
        for (int i = lc.generators().size() - 1; i >= 0; i--) {
            Expr.Comprehension g = lc.generators().get(i);
            for (int k = g.ifs().size() - 1; k >= 0; k--) {
                body = List.of(new Stmt.If(sp, Exprs.substitute(g.ifs().get(k), renamed), body, List.of()));
            }
            // The first iterable is evaluated outside the comprehension, with the enclosing names.
            Expr iter = i == 0 ? g.iter() : Exprs.substitute(g.iter(), renamed);
            body = List.of(new Stmt.For(sp, Exprs.substitute(g.target(), renamed), iter, body, List.of()));
        }
        block(body);
        return acc;
    }

    private Expr argument(Expr e) {
        return e instanceof Expr.Starred s ? new Expr.Starred(s.span(), atom(s.value())) : atom(e);
    }

    /**
     * The function of a call: dotted names stay as written (jnp.sin reads better than a temporary);
     * x.at[i].set keeps its shape with x and i in let-bound form.
     */
    private Expr callee(Expr func) {
        if (Exprs.isDottedName(func)) {
            return func;
        }
        if (func instanceof Expr.Attribute m && m.value() instanceof Expr.Subscript s && s.value() instanceof Expr.Attribute at
                && at.attr().equals("at")) {
            return new Expr.Attribute(m.span(), new Expr.Subscript(s.span(), new Expr.Attribute(at.span(), atom(at.value()), "at"), index(s.index())), m.attr());
        }
        if (func instanceof Expr.Attribute a) {
            return new Expr.Attribute(a.span(), atom(a.value()), a.attr());
        }
        return atom(func);
    }

    private Expr index(Expr index) {
        return switch (index) {
            case Expr.TupleExpr t -> new Expr.TupleExpr(t.span(), t.elts().stream().map(this::index).toList());
            case Expr.Slice s -> new Expr.Slice(s.span(), s.lower() == null ? null : atom(s.lower()),
                    s.upper() == null ? null : atom(s.upper()), s.step() == null ? null : atom(s.step()));
            default -> atom(index);
        };
    }

    /** The variables a let-bound body assigns (targets, loop variables, defs, imports): names a call cannot resolve statically. */
    static void localNames(List<Stmt> body, java.util.Set<String> locals) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a -> a.targets().forEach(t -> {
                    if (t instanceof Expr.Name n) {
                        locals.add(n.id());
                    }
                });
                case Stmt.If f -> {
                    localNames(f.body(), locals);
                    localNames(f.orElse(), locals);
                }
                case Stmt.For f -> {
                    locals.add(((Expr.Name) f.target()).id());
                    localNames(f.body(), locals);
                }
                case Stmt.While w -> localNames(w.body(), locals);
                case Stmt.FunctionDef d -> locals.add(d.name());
                case Stmt.Import i -> i.names().forEach(a -> locals.add(a.asName() != null ? a.asName() : a.name().split("\\.")[0]));
                case Stmt.ImportFrom i -> i.names().forEach(a -> locals.add(a.asName() != null ? a.asName() : a.name()));
                default -> {
                }
            }
        }
    }
}
