package jaxon.ast;

import java.util.List;

/** Statements of Jaxon's Python subset. Optional parts are null when absent; bodies are never null. */
public sealed interface Stmt {
    Span span();

    record ExprStmt(Span span, Expr value) implements Stmt {
    }

    /** t1 = t2 = value; targets are Name, Attribute, Subscript, TupleExpr/ListExpr (nested), Starred. */
    record Assign(Span span, List<Expr> targets, Expr value) implements Stmt {
    }

    record AugAssign(Span span, Expr target, Expr.BinaryOp op, Expr value) implements Stmt {
    }

    /** x: T = value (value may be null); the annotation is kept but not evaluated. */
    record AnnAssign(Span span, Expr target, Expr annotation, Expr value) implements Stmt {
    }

    record If(Span span, Expr test, List<Stmt> body, List<Stmt> orElse) implements Stmt {
    }

    record For(Span span, Expr target, Expr iter, List<Stmt> body, List<Stmt> orElse) implements Stmt {
    }

    record While(Span span, Expr test, List<Stmt> body, List<Stmt> orElse) implements Stmt {
    }

    record Break(Span span) implements Stmt {
    }

    record Continue(Span span) implements Stmt {
    }

    record Pass(Span span) implements Stmt {
    }

    /** def name(params): body, with decorators applied bottom-up. */
    record FunctionDef(Span span, String name, Parameters params, List<Stmt> body, List<Expr> decorators) implements Stmt {
    }

    record Return(Span span, Expr value) implements Stmt {
    }

    record Global(Span span, List<String> names) implements Stmt {
    }

    record Nonlocal(Span span, List<String> names) implements Stmt {
    }

    record Try(Span span, List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orElse, List<Stmt> finalBody) implements Stmt {
    }

    /** except type as name: body; type and name may be null. */
    record ExceptHandler(Span span, Expr type, String name, List<Stmt> body) {
    }

    record Raise(Span span, Expr exc, Expr cause) implements Stmt {
    }

    record Assert(Span span, Expr test, Expr msg) implements Stmt {
    }

    record Del(Span span, List<Expr> targets) implements Stmt {
    }

    /** import a.b.c as d; asName null when absent. */
    record Import(Span span, List<Alias> names) implements Stmt {
    }

    /** from module import a as b, c. */
    record ImportFrom(Span span, String module, List<Alias> names) implements Stmt {
    }

    record Alias(String name, String asName) {
    }

    /** An IPython line magic such as {@code %timeit f(x)}: name "timeit", the statement after it. */
    record Magic(Span span, String name, String options, Stmt body) implements Stmt {
    }
}
