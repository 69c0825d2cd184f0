package jaxon.nodes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jaxon.ast.Expr;
import jaxon.ast.Parameters;
import jaxon.ast.Stmt;

/**
 * What one function body does with names: which it binds (its locals), declares global or
 * nonlocal, reads, and which names its nested functions need from outside themselves. The
 * translator resolves these against the enclosing scopes (Python's LEGB rule).
 */
final class ScopeAnalysis {
    final Set<String> assigned = new LinkedHashSet<>();
    final Set<String> globals = new LinkedHashSet<>();
    final Set<String> nonlocals = new LinkedHashSet<>();
    final Set<String> reads = new LinkedHashSet<>();
    /** Names that nested functions use but do not bind themselves. */
    final Set<String> childFree = new LinkedHashSet<>();

    static ScopeAnalysis ofFunction(Parameters params, List<Stmt> body) {
        ScopeAnalysis a = new ScopeAnalysis();
        params.positional().forEach(p -> a.assigned.add(p.name()));
        params.keywordOnly().forEach(p -> a.assigned.add(p.name()));
        if (params.varargs() != null) {
            a.assigned.add(params.varargs());
        }
        if (params.kwargs() != null) {
            a.assigned.add(params.kwargs());
        }
        body.forEach(a::stmt);
        return a;
    }

    static ScopeAnalysis ofLambda(Parameters params, Expr body) {
        ScopeAnalysis a = ofFunction(params, List.of());
        a.expr(body);
        return a;
    }

    /** Locals: bound here and not declared global or nonlocal. */
    Set<String> locals() {
        Set<String> l = new LinkedHashSet<>(assigned);
        l.removeAll(globals);
        l.removeAll(nonlocals);
        return l;
    }

    /** Names this function may take from an enclosing function. */
    Set<String> freeCandidates() {
        Set<String> f = new LinkedHashSet<>(reads);
        f.addAll(nonlocals);
        f.addAll(childFree);
        f.removeAll(locals());
        f.removeAll(globals);
        return f;
    }

    private void stmts(List<Stmt> body) {
        body.forEach(this::stmt);
    }

    private void stmt(Stmt s) {
        switch (s) {
            case Stmt.ExprStmt e -> expr(e.value());
            case Stmt.Assign a -> {
                a.targets().forEach(this::target);
                expr(a.value());
            }
            case Stmt.AugAssign a -> {
                target(a.target());
                expr(a.target());
                expr(a.value());
            }
            case Stmt.AnnAssign a -> {
                target(a.target());
                if (a.value() != null) {
                    expr(a.value());
                }
            }
            case Stmt.If i -> {
                expr(i.test());
                stmts(i.body());
                stmts(i.orElse());
            }
            case Stmt.For f -> {
                target(f.target());
                expr(f.iter());
                stmts(f.body());
                stmts(f.orElse());
            }
            case Stmt.While w -> {
                expr(w.test());
                stmts(w.body());
                stmts(w.orElse());
            }
            case Stmt.FunctionDef d -> {
                assigned.add(d.name());
                d.decorators().forEach(this::expr);
                defaults(d.params());
                childFree.addAll(ofFunction(d.params(), d.body()).freeCandidates());
            }
            case Stmt.Return r -> {
                if (r.value() != null) {
                    expr(r.value());
                }
            }
            case Stmt.Global g -> globals.addAll(g.names());
            case Stmt.Nonlocal n -> nonlocals.addAll(n.names());
            case Stmt.Try t -> {
                stmts(t.body());
                for (Stmt.ExceptHandler h : t.handlers()) {
                    if (h.type() != null) {
                        expr(h.type());
                    }
                    if (h.name() != null) {
                        assigned.add(h.name());
                    }
                    stmts(h.body());
                }
                stmts(t.orElse());
                stmts(t.finalBody());
            }
            case Stmt.Raise r -> {
                if (r.exc() != null) {
                    expr(r.exc());
                }
                if (r.cause() != null) {
                    expr(r.cause());
                }
            }
            case Stmt.Assert a -> {
                expr(a.test());
                if (a.msg() != null) {
                    expr(a.msg());
                }
            }
            case Stmt.Del d -> d.targets().forEach(this::target);
            case Stmt.Import i -> i.names().forEach(al -> assigned.add(al.asName() != null ? al.asName() : al.name().split("\\.")[0]));
            case Stmt.ImportFrom i -> i.names().forEach(al -> assigned.add(al.asName() != null ? al.asName() : al.name()));
            case Stmt.Magic m -> stmt(m.body());
            case Stmt.Break b -> {
            }
            case Stmt.Continue c -> {
            }
            case Stmt.Pass p -> {
            }
        }
    }

    private void defaults(Parameters p) {
        p.positional().forEach(x -> {
            if (x.defaultValue() != null) {
                expr(x.defaultValue());
            }
        });
        p.keywordOnly().forEach(x -> {
            if (x.defaultValue() != null) {
                expr(x.defaultValue());
            }
        });
    }

    private void target(Expr t) {
        switch (t) {
            case Expr.Name n -> assigned.add(n.id());
            case Expr.TupleExpr tu -> tu.elts().forEach(this::target);
            case Expr.ListExpr l -> l.elts().forEach(this::target);
            case Expr.Starred s -> target(s.value());
            default -> expr(t);
        }
    }

    private void expr(Expr e) {
        switch (e) {
            case Expr.Name n -> reads.add(n.id());
            case Expr.Const c -> {
            }
            case Expr.FString f -> f.parts().forEach(this::expr);
            case Expr.FormattedValue f -> {
                expr(f.value());
                if (f.formatSpec() != null) {
                    expr(f.formatSpec());
                }
            }
            case Expr.ListExpr l -> l.elts().forEach(this::expr);
            case Expr.TupleExpr t -> t.elts().forEach(this::expr);
            case Expr.DictExpr d -> {
                d.keys().forEach(k -> {
                    if (k != null) {
                        expr(k);
                    }
                });
                d.values().forEach(this::expr);
            }
            case Expr.BinOp b -> {
                expr(b.left());
                expr(b.right());
            }
            case Expr.UnaryOp u -> expr(u.operand());
            case Expr.BoolOp b -> b.values().forEach(this::expr);
            case Expr.Compare c -> {
                expr(c.left());
                c.comparators().forEach(this::expr);
            }
            case Expr.Call c -> {
                expr(c.func());
                c.args().forEach(this::expr);
                c.keywords().forEach(k -> expr(k.value()));
            }
            case Expr.Attribute a -> expr(a.value());
            case Expr.Subscript s -> {
                expr(s.value());
                expr(s.index());
            }
            case Expr.Slice s -> {
                for (Expr x : new Expr[]{s.lower(), s.upper(), s.step()}) {
                    if (x != null) {
                        expr(x);
                    }
                }
            }
            case Expr.Starred s -> expr(s.value());
            case Expr.IfExp i -> {
                expr(i.test());
                expr(i.body());
                expr(i.orElse());
            }
            case Expr.Lambda l -> {
                defaults(l.params());
                childFree.addAll(ofLambda(l.params(), l.body()).freeCandidates());
            }
            case Expr.ListComp c -> {
                comprehension(c.generators());
                expr(c.elt());
            }
            case Expr.DictComp c -> {
                comprehension(c.generators());
                expr(c.key());
                expr(c.value());
            }
        }
    }

    private void comprehension(List<Expr.Comprehension> generators) {
        for (Expr.Comprehension g : generators) {
            expr(g.iter());
            g.ifs().forEach(this::expr);
        }
    }
}
