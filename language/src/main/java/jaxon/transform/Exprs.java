package jaxon.transform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jaxon.ast.Expr;
import jaxon.ast.Span;

/** Small queries and builders on expressions shared by the transformations. */
final class Exprs {
    private Exprs() {
    }

    /** a, a.b, a.b.c ... (also rooted at an embedded constant). */
    static boolean isDottedName(Expr e) {
        return e instanceof Expr.Name || (e instanceof Expr.Const c && c.value() instanceof jaxon.ast.Embedded)
                || (e instanceof Expr.Attribute a && isDottedName(a.value()));
    }

    /** Every variable name e reads, lambdas and comprehensions included. */
    static Set<String> names(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        if (e == null) {
            return;
        }
        switch (e) {
            case Expr.Name n -> out.add(n.id());
            case Expr.Const c -> {
            }
            case Expr.FString f -> f.parts().forEach(p -> collect(p, out));
            case Expr.FormattedValue f -> {
                collect(f.value(), out);
                collect(f.formatSpec(), out);
            }
            case Expr.ListExpr l -> l.elts().forEach(x -> collect(x, out));
            case Expr.TupleExpr t -> t.elts().forEach(x -> collect(x, out));
            case Expr.DictExpr d -> {
                d.keys().forEach(k -> collect(k, out));
                d.values().forEach(v -> collect(v, out));
            }
            case Expr.BinOp b -> {
                collect(b.left(), out);
                collect(b.right(), out);
            }
            case Expr.UnaryOp u -> collect(u.operand(), out);
            case Expr.BoolOp b -> b.values().forEach(v -> collect(v, out));
            case Expr.Compare c -> {
                collect(c.left(), out);
                c.comparators().forEach(x -> collect(x, out));
            }
            case Expr.Call c -> {
                collect(c.func(), out);
                c.args().forEach(x -> collect(x, out));
                c.keywords().forEach(k -> collect(k.value(), out));
            }
            case Expr.Attribute a -> collect(a.value(), out);
            case Expr.Subscript s -> {
                collect(s.value(), out);
                collect(s.index(), out);
            }
            case Expr.Slice s -> {
                collect(s.lower(), out);
                collect(s.upper(), out);
                collect(s.step(), out);
            }
            case Expr.Starred s -> collect(s.value(), out);
            case Expr.IfExp i -> {
                collect(i.test(), out);
                collect(i.body(), out);
                collect(i.orElse(), out);
            }
            case Expr.Lambda l -> collect(l.body(), out);
            case Expr.ListComp c -> {
                collect(c.elt(), out);
                generators(c.generators(), out);
            }
            case Expr.DictComp c -> {
                collect(c.key(), out);
                collect(c.value(), out);
                generators(c.generators(), out);
            }
        }
    }

    private static void generators(List<Expr.Comprehension> gens, Set<String> out) {
        for (Expr.Comprehension g : gens) {
            collect(g.iter(), out);
            g.ifs().forEach(x -> collect(x, out));
        }
    }

    /** e with every Name in the substitution map replaced. */
    static Expr substitute(Expr e, java.util.Map<String, Expr> map) {
        return switch (e) {
            case Expr.Name n -> map.getOrDefault(n.id(), n);
            case Expr.Const c -> c;
            case Expr.BinOp b -> new Expr.BinOp(b.span(), substitute(b.left(), map), b.op(), substitute(b.right(), map));
            case Expr.UnaryOp u -> new Expr.UnaryOp(u.span(), u.op(), substitute(u.operand(), map));
            case Expr.Call c -> new Expr.Call(c.span(), substitute(c.func(), map), c.args().stream().map(a -> substitute(a, map)).toList(),
                    c.keywords().stream().map(k -> new Expr.Keyword(k.span(), k.name(), substitute(k.value(), map))).toList());
            case Expr.Attribute a -> new Expr.Attribute(a.span(), substitute(a.value(), map), a.attr());
            case Expr.Subscript s -> new Expr.Subscript(s.span(), substitute(s.value(), map), substitute(s.index(), map));
            case Expr.Slice s -> new Expr.Slice(s.span(), s.lower() == null ? null : substitute(s.lower(), map),
                    s.upper() == null ? null : substitute(s.upper(), map), s.step() == null ? null : substitute(s.step(), map));
            case Expr.TupleExpr t -> new Expr.TupleExpr(t.span(), t.elts().stream().map(x -> substitute(x, map)).toList());
            case Expr.ListExpr l -> new Expr.ListExpr(l.span(), l.elts().stream().map(x -> substitute(x, map)).toList());
            case Expr.Starred s -> new Expr.Starred(s.span(), substitute(s.value(), map));
            case Expr.IfExp i -> new Expr.IfExp(i.span(), substitute(i.test(), map), substitute(i.body(), map), substitute(i.orElse(), map));
            case Expr.Compare c -> new Expr.Compare(c.span(), substitute(c.left(), map), c.ops(),
                    c.comparators().stream().map(x -> substitute(x, map)).toList());
            default -> e;
        };
    }

    /** e with every node placed at sp (code generated from a template points at the user's statement). */
    static Expr respan(Expr e, Span sp) {
        return switch (e) {
            case null -> null;
            case Expr.Name n -> new Expr.Name(sp, n.id());
            case Expr.Const c -> new Expr.Const(sp, c.value());
            case Expr.BinOp b -> new Expr.BinOp(sp, respan(b.left(), sp), b.op(), respan(b.right(), sp));
            case Expr.UnaryOp u -> new Expr.UnaryOp(sp, u.op(), respan(u.operand(), sp));
            case Expr.Call c -> new Expr.Call(sp, respan(c.func(), sp), c.args().stream().map(a -> respan(a, sp)).toList(),
                    c.keywords().stream().map(k -> new Expr.Keyword(sp, k.name(), respan(k.value(), sp))).toList());
            case Expr.Attribute a -> new Expr.Attribute(sp, respan(a.value(), sp), a.attr());
            case Expr.Subscript x -> new Expr.Subscript(sp, respan(x.value(), sp), respan(x.index(), sp));
            case Expr.Slice x -> new Expr.Slice(sp, respan(x.lower(), sp), respan(x.upper(), sp), respan(x.step(), sp));
            case Expr.TupleExpr t -> new Expr.TupleExpr(sp, t.elts().stream().map(x -> respan(x, sp)).toList());
            case Expr.ListExpr l -> new Expr.ListExpr(sp, l.elts().stream().map(x -> respan(x, sp)).toList());
            case Expr.IfExp i -> new Expr.IfExp(sp, respan(i.test(), sp), respan(i.body(), sp), respan(i.orElse(), sp));
            case Expr.Compare c -> new Expr.Compare(sp, respan(c.left(), sp), c.ops(), c.comparators().stream().map(x -> respan(x, sp)).toList());
            default -> e;
        };
    }

    /** Whether substitute reaches every name in e (it does not look into lambdas, comprehensions, and/or, dicts, f-strings). */
    static boolean substitutable(Expr e) {
        return switch (e) {
            case Expr.Name n -> true;
            case Expr.Const c -> true;
            case Expr.BinOp b -> substitutable(b.left()) && substitutable(b.right());
            case Expr.UnaryOp u -> substitutable(u.operand());
            case Expr.Call c -> substitutable(c.func()) && c.args().stream().allMatch(Exprs::substitutable)
                    && c.keywords().stream().allMatch(k -> substitutable(k.value()));
            case Expr.Attribute a -> substitutable(a.value());
            case Expr.Subscript s -> substitutable(s.value()) && substitutable(s.index());
            case Expr.Slice s -> java.util.stream.Stream.of(s.lower(), s.upper(), s.step()).allMatch(x -> x == null || substitutable(x));
            case Expr.TupleExpr t -> t.elts().stream().allMatch(Exprs::substitutable);
            case Expr.ListExpr l -> l.elts().stream().allMatch(Exprs::substitutable);
            case Expr.Starred s -> substitutable(s.value());
            case Expr.IfExp i -> substitutable(i.test()) && substitutable(i.body()) && substitutable(i.orElse());
            case Expr.Compare c -> substitutable(c.left()) && c.comparators().stream().allMatch(Exprs::substitutable);
            default -> false;
        };
    }

    /** Calls action with every embedded runtime value in the statements. */
    static void embeddedValues(List<jaxon.ast.Stmt> body, java.util.function.Consumer<Object> action) {
        for (jaxon.ast.Stmt s : body) {
            switch (s) {
                case jaxon.ast.Stmt.Assign a -> embedded(a.value(), action);
                case jaxon.ast.Stmt.ExprStmt e -> embedded(e.value(), action);
                case jaxon.ast.Stmt.Return r -> embedded(r.value(), action);
                case jaxon.ast.Stmt.If f -> {
                    embeddedValues(f.body(), action);
                    embeddedValues(f.orElse(), action);
                }
                case jaxon.ast.Stmt.For f -> embeddedValues(f.body(), action);
                case jaxon.ast.Stmt.While w -> embeddedValues(w.body(), action);
                default -> {
                }
            }
        }
    }

    private static void embedded(Expr e, java.util.function.Consumer<Object> action) {
        if (e == null) {
            return;
        }
        switch (e) {
            case Expr.Const c when c.value() instanceof jaxon.ast.Embedded em -> action.accept(em.value());
            case Expr.Call c -> {
                embedded(c.func(), action);
                c.args().forEach(x -> embedded(x, action));
                c.keywords().forEach(k -> embedded(k.value(), action));
            }
            case Expr.Attribute a -> embedded(a.value(), action);
            case Expr.BinOp b -> {
                embedded(b.left(), action);
                embedded(b.right(), action);
            }
            case Expr.TupleExpr t -> t.elts().forEach(x -> embedded(x, action));
            default -> {
            }
        }
    }

    /** Folds arithmetic on numeric constants and drops ** 1 and * 1, so that generated code reads as a person would write it. */
    static Expr simplify(Expr e) {
        if (e instanceof Expr.Call c) {
            List<Expr> args = c.args().stream().map(Exprs::simplify).toList();
            // A reduction's rule without where= or initial=: ad.masked_adjoint(x, None) and ad.unmasked(name, None, None, x) are x.
            String helper = helperName(c);
            if (helper.equals("masked_adjoint") && args.size() == 2 && isNone(args.get(1))) {
                return args.get(0);
            }
            if (helper.equals("unmasked") && args.size() == 4 && isNone(args.get(1)) && isNone(args.get(2))) {
                return args.get(3);
            }
            return new Expr.Call(c.span(), c.func(), args,
                    c.keywords().stream().map(k -> new Expr.Keyword(k.span(), k.name(), simplify(k.value()))).toList());
        }
        if (!(e instanceof Expr.BinOp b)) {
            return e;
        }
        Expr l = simplify(b.left());
        Expr r = simplify(b.right());
        if (l instanceof Expr.Const lc && r instanceof Expr.Const rc && lc.value() instanceof Long x && rc.value() instanceof Long y) {
            switch (b.op()) {
                case ADD -> {
                    return new Expr.Const(b.span(), x + y);
                }
                case SUB -> {
                    return new Expr.Const(b.span(), x - y);
                }
                case MUL -> {
                    return new Expr.Const(b.span(), x * y);
                }
                default -> {
                }
            }
        }
        if ((b.op() == Expr.BinaryOp.POW || b.op() == Expr.BinaryOp.MUL) && isOne(r)) {
            return l;
        }
        if (b.op() == Expr.BinaryOp.MUL && isOne(l)) {
            return r;
        }
        return new Expr.BinOp(b.span(), l, b.op(), r);
    }

    static boolean isNone(Expr e) {
        return e instanceof Expr.Const c && c.value() == jaxon.runtime.PNone.NONE;
    }

    /** NAME for a call ad.NAME(...) of a helper of stdlib/jaxon/ad.jx in generated code, else "". */
    static String helperName(Expr e) {
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Const k
                && k.value() instanceof jaxon.ast.Embedded m && m.display().equals("ad")) {
            return a.attr();
        }
        return "";
    }

    private static boolean isOne(Expr e) {
        return e instanceof Expr.Const c && (Long.valueOf(1).equals(c.value()) || Double.valueOf(1.0).equals(c.value()));
    }

    /** ad.unbroadcast(e, x) -> e, for an operand whose partner is a Python number (no broadcasting happened). */
    static Expr withoutUnbroadcast(Expr e) {
        if (helperName(e).equals("unbroadcast")) {
            return ((Expr.Call) e).args().get(0);
        }
        return e;
    }

    /** Every variable name a statement mentions (read or written), nested blocks and defs included. */
    static Set<String> statementNames(jaxon.ast.Stmt stmt) {
        Set<String> out = new LinkedHashSet<>();
        statementNames(stmt, out);
        return out;
    }

    private static void statementNames(jaxon.ast.Stmt stmt, Set<String> out) {
        java.util.function.Consumer<List<jaxon.ast.Stmt>> block = b -> b.forEach(x -> statementNames(x, out));
        switch (stmt) {
            case jaxon.ast.Stmt.ExprStmt e -> collect(e.value(), out);
            case jaxon.ast.Stmt.Assign a -> {
                a.targets().forEach(t -> collect(t, out));
                collect(a.value(), out);
            }
            case jaxon.ast.Stmt.AugAssign a -> {
                collect(a.target(), out);
                collect(a.value(), out);
            }
            case jaxon.ast.Stmt.AnnAssign a -> {
                collect(a.target(), out);
                collect(a.value(), out);
            }
            case jaxon.ast.Stmt.If f -> {
                collect(f.test(), out);
                block.accept(f.body());
                block.accept(f.orElse());
            }
            case jaxon.ast.Stmt.For f -> {
                collect(f.target(), out);
                collect(f.iter(), out);
                block.accept(f.body());
                block.accept(f.orElse());
            }
            case jaxon.ast.Stmt.While w -> {
                collect(w.test(), out);
                block.accept(w.body());
                block.accept(w.orElse());
            }
            case jaxon.ast.Stmt.FunctionDef d -> {
                d.decorators().forEach(x -> collect(x, out));
                d.params().positional().forEach(p -> collect(p.defaultValue(), out));
                d.params().keywordOnly().forEach(p -> collect(p.defaultValue(), out));
                block.accept(d.body());
            }
            case jaxon.ast.Stmt.Return r -> collect(r.value(), out);
            case jaxon.ast.Stmt.Try t -> {
                block.accept(t.body());
                t.handlers().forEach(h -> {
                    collect(h.type(), out);
                    block.accept(h.body());
                });
                block.accept(t.orElse());
                block.accept(t.finalBody());
            }
            case jaxon.ast.Stmt.Raise r -> {
                collect(r.exc(), out);
                collect(r.cause(), out);
            }
            case jaxon.ast.Stmt.Assert a -> {
                collect(a.test(), out);
                collect(a.msg(), out);
            }
            case jaxon.ast.Stmt.Del d -> d.targets().forEach(t -> collect(t, out));
            case jaxon.ast.Stmt.Magic m -> statementNames(m.body(), out);
            case jaxon.ast.Stmt.Global g -> out.addAll(g.names());
            case jaxon.ast.Stmt.Nonlocal n -> out.addAll(n.names());
            default -> {
            }
        }
    }
}
