package jaxon.transform;

import java.util.List;
import jaxon.ast.Embedded;
import jaxon.ast.Expr;
import jaxon.ast.Parameters;
import jaxon.ast.Stmt;
import jaxon.runtime.PNone;
import jaxon.runtime.PyObjects;

/** Prints a syntax tree as Python source, so that the code grad and vmap generate can be read. */
public final class SourcePrinter {
    private final StringBuilder out = new StringBuilder();

    private SourcePrinter() {
    }

    public static String print(Stmt stmt) {
        SourcePrinter p = new SourcePrinter();
        p.stmt(stmt, 0);
        return p.out.toString();
    }

    public static String print(Expr e) {
        return expr(e, 0);
    }

    private void line(int indent, String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void block(List<Stmt> body, int indent) {
        if (body.isEmpty()) {
            line(indent, "pass");
        }
        for (Stmt s : body) {
            stmt(s, indent);
        }
    }

    private void stmt(Stmt s, int indent) {
        switch (s) {
            case Stmt.ExprStmt e -> line(indent, expr(e.value(), 0));
            case Stmt.Assign a -> {
                StringBuilder sb = new StringBuilder();
                for (Expr t : a.targets()) {
                    sb.append(target(t)).append(" = ");
                }
                line(indent, sb + expr(a.value(), 0));
            }
            case Stmt.AugAssign a -> line(indent, target(a.target()) + " " + a.op().symbol + "= " + expr(a.value(), 0));
            case Stmt.AnnAssign a -> line(indent, target(a.target()) + ": " + expr(a.annotation(), 0) + (a.value() == null ? "" : " = " + expr(a.value(), 0)));
            case Stmt.If i -> {
                line(indent, "if " + expr(i.test(), 0) + ":");
                block(i.body(), indent + 1);
                List<Stmt> orElse = i.orElse();
                while (orElse.size() == 1 && orElse.get(0) instanceof Stmt.If elif) {
                    line(indent, "elif " + expr(elif.test(), 0) + ":");
                    block(elif.body(), indent + 1);
                    orElse = elif.orElse();
                }
                if (!orElse.isEmpty()) {
                    line(indent, "else:");
                    block(orElse, indent + 1);
                }
            }
            case Stmt.For f -> {
                line(indent, "for " + target(f.target()) + " in " + expr(f.iter(), 0) + ":");
                block(f.body(), indent + 1);
                if (!f.orElse().isEmpty()) {
                    line(indent, "else:");
                    block(f.orElse(), indent + 1);
                }
            }
            case Stmt.While w -> {
                line(indent, "while " + expr(w.test(), 0) + ":");
                block(w.body(), indent + 1);
                if (!w.orElse().isEmpty()) {
                    line(indent, "else:");
                    block(w.orElse(), indent + 1);
                }
            }
            case Stmt.Break b -> line(indent, "break");
            case Stmt.Continue c -> line(indent, "continue");
            case Stmt.Pass p -> line(indent, "pass");
            case Stmt.FunctionDef d -> {
                for (Expr dec : d.decorators()) {
                    line(indent, "@" + expr(dec, 0));
                }
                line(indent, "def " + d.name() + "(" + parameters(d.params()) + "):");
                block(d.body(), indent + 1);
            }
            case Stmt.Return r -> line(indent, r.value() == null ? "return" : "return " + expr(r.value(), 0));
            case Stmt.Global g -> line(indent, "global " + String.join(", ", g.names()));
            case Stmt.Nonlocal n -> line(indent, "nonlocal " + String.join(", ", n.names()));
            case Stmt.Try t -> {
                line(indent, "try:");
                block(t.body(), indent + 1);
                for (Stmt.ExceptHandler h : t.handlers()) {
                    line(indent, "except" + (h.type() == null ? "" : " " + expr(h.type(), 0)) + (h.name() == null ? "" : " as " + h.name()) + ":");
                    block(h.body(), indent + 1);
                }
                if (!t.orElse().isEmpty()) {
                    line(indent, "else:");
                    block(t.orElse(), indent + 1);
                }
                if (!t.finalBody().isEmpty()) {
                    line(indent, "finally:");
                    block(t.finalBody(), indent + 1);
                }
            }
            case Stmt.Raise r -> line(indent, "raise" + (r.exc() == null ? "" : " " + expr(r.exc(), 0)) + (r.cause() == null ? "" : " from " + expr(r.cause(), 0)));
            case Stmt.Assert a -> line(indent, "assert " + expr(a.test(), 0) + (a.msg() == null ? "" : ", " + expr(a.msg(), 0)));
            case Stmt.Del d -> line(indent, "del " + String.join(", ", d.targets().stream().map(SourcePrinter::target).toList()));
            case Stmt.Import i -> line(indent, "import " + String.join(", ", i.names().stream().map(SourcePrinter::alias).toList()));
            case Stmt.ImportFrom i -> line(indent, "from " + i.module() + " import " + String.join(", ", i.names().stream().map(SourcePrinter::alias).toList()));
            case Stmt.Magic m -> line(indent, "%" + m.name() + " " + (m.options().isEmpty() ? "" : m.options() + " ") + print(m.body()).strip());
        }
    }

    private static String alias(Stmt.Alias a) {
        return a.asName() == null ? a.name() : a.name() + " as " + a.asName();
    }

    private static String parameters(Parameters p) {
        StringBuilder sb = new StringBuilder();
        for (Parameters.Param x : p.positional()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(param(x));
        }
        if (p.varargs() != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append('*').append(p.varargs());
        } else if (!p.keywordOnly().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : ", ").append('*');
        }
        for (Parameters.Param x : p.keywordOnly()) {
            sb.append(", ").append(param(x));
        }
        if (p.kwargs() != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("**").append(p.kwargs());
        }
        return sb.toString();
    }

    private static String param(Parameters.Param x) {
        return x.defaultValue() == null ? x.name() : x.name() + "=" + expr(x.defaultValue(), 0);
    }

    private static String target(Expr t) {
        if (t instanceof Expr.TupleExpr tu && !tu.elts().isEmpty()) {
            return String.join(", ", tu.elts().stream().map(e -> expr(e, PREC_OR)).toList()) + (tu.elts().size() == 1 ? "," : "");
        }
        return expr(t, 0);
    }

    // Python's precedence, loosest first.
    private static final int PREC_LAMBDA = 1;
    private static final int PREC_IF = 2;
    private static final int PREC_OR = 3;
    private static final int PREC_AND = 4;
    private static final int PREC_NOT = 5;
    private static final int PREC_COMPARE = 6;
    private static final int PREC_BITOR = 7;
    private static final int PREC_BITXOR = 8;
    private static final int PREC_BITAND = 9;
    private static final int PREC_SHIFT = 10;
    private static final int PREC_ADD = 11;
    private static final int PREC_MUL = 12;
    private static final int PREC_UNARY = 13;
    private static final int PREC_POWER = 14;
    private static final int PREC_ATOM = 16;

    private static int precedence(Expr.BinaryOp op) {
        return switch (op) {
            case ADD, SUB -> PREC_ADD;
            case MUL, DIV, FLOORDIV, MOD, MATMUL -> PREC_MUL;
            case POW -> PREC_POWER;
            case LSHIFT, RSHIFT -> PREC_SHIFT;
            case BITAND -> PREC_BITAND;
            case BITXOR -> PREC_BITXOR;
            case BITOR -> PREC_BITOR;
        };
    }

    private static String paren(String s, int prec, int context) {
        return prec < context ? "(" + s + ")" : s;
    }

    /** The source of e, parenthesised when its precedence is below context. */
    private static String expr(Expr e, int context) {
        return switch (e) {
            case Expr.Name n -> n.id();
            case Expr.Const c -> constant(c.value());
            case Expr.FString f -> "f" + PyObjects.reprString(fstringBody(f));
            case Expr.FormattedValue f -> "f" + PyObjects.reprString(fstringBody(new Expr.FString(f.span(), List.of(f))));
            case Expr.ListExpr l -> "[" + join(l.elts()) + "]";
            case Expr.TupleExpr t -> t.elts().size() == 1 ? "(" + expr(t.elts().get(0), PREC_OR) + ",)" : "(" + join(t.elts()) + ")";
            case Expr.DictExpr d -> {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < d.keys().size(); i++) {
                    sb.append(i > 0 ? ", " : "");
                    Expr k = d.keys().get(i);
                    sb.append(k == null ? "**" + expr(d.values().get(i), PREC_BITOR) : expr(k, PREC_OR) + ": " + expr(d.values().get(i), PREC_OR));
                }
                yield sb.append('}').toString();
            }
            case Expr.BinOp b -> {
                int p = precedence(b.op());
                // ** is right-associative; the others are left-associative.
                int left = b.op() == Expr.BinaryOp.POW ? p + 1 : p;
                int right = b.op() == Expr.BinaryOp.POW ? p : p + 1;
                yield paren(expr(b.left(), left) + " " + b.op().symbol + " " + expr(b.right(), right), p, context);
            }
            case Expr.UnaryOp u -> u.op() == Expr.UnaryOperator.NOT
                    ? paren("not " + expr(u.operand(), PREC_NOT), PREC_NOT, context)
                    : paren(u.op().symbol + expr(u.operand(), PREC_UNARY), PREC_UNARY, context);
            case Expr.BoolOp b -> {
                int p = b.isAnd() ? PREC_AND : PREC_OR;
                yield paren(String.join(b.isAnd() ? " and " : " or ", b.values().stream().map(v -> expr(v, p + 1)).toList()), p, context);
            }
            case Expr.Compare c -> {
                StringBuilder sb = new StringBuilder(expr(c.left(), PREC_COMPARE + 1));
                for (int i = 0; i < c.ops().size(); i++) {
                    sb.append(' ').append(c.ops().get(i).symbol).append(' ').append(expr(c.comparators().get(i), PREC_COMPARE + 1));
                }
                yield paren(sb.toString(), PREC_COMPARE, context);
            }
            case Expr.Call c -> {
                StringBuilder sb = new StringBuilder(expr(c.func(), PREC_ATOM)).append('(').append(join(c.args()));
                for (Expr.Keyword k : c.keywords()) {
                    sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ");
                    sb.append(k.name() == null ? "**" + expr(k.value(), PREC_BITOR) : k.name() + "=" + expr(k.value(), PREC_OR));
                }
                yield sb.append(')').toString();
            }
            case Expr.Attribute a -> expr(a.value(), PREC_ATOM) + "." + a.attr();
            case Expr.Subscript s -> expr(s.value(), PREC_ATOM) + "[" + index(s.index()) + "]";
            case Expr.Slice s -> (s.lower() == null ? "" : expr(s.lower(), PREC_OR)) + ":" + (s.upper() == null ? "" : expr(s.upper(), PREC_OR))
                    + (s.step() == null ? "" : ":" + expr(s.step(), PREC_OR));
            case Expr.Starred s -> "*" + expr(s.value(), PREC_BITOR);
            case Expr.IfExp i -> paren(expr(i.body(), PREC_OR) + " if " + expr(i.test(), PREC_OR) + " else " + expr(i.orElse(), PREC_IF), PREC_IF, context);
            case Expr.Lambda l -> paren("lambda" + (l.params().positional().isEmpty() && l.params().varargs() == null ? "" : " ")
                    + parameters(l.params()) + ": " + expr(l.body(), PREC_IF), PREC_LAMBDA, context);
            case Expr.ListComp c -> {
                String body = expr(c.elt(), PREC_OR) + generators(c.generators());
                yield switch (c.kind()) {
                    case LIST -> "[" + body + "]";
                    case GENERATOR -> "(" + body + ")";
                    case SET -> "{" + body + "}";
                };
            }
            case Expr.DictComp c -> "{" + expr(c.key(), PREC_OR) + ": " + expr(c.value(), PREC_OR) + generators(c.generators()) + "}";
        };
    }

    private static String generators(List<Expr.Comprehension> generators) {
        StringBuilder sb = new StringBuilder();
        for (Expr.Comprehension g : generators) {
            sb.append(" for ").append(target(g.target())).append(" in ").append(expr(g.iter(), PREC_OR));
            for (Expr test : g.ifs()) {
                sb.append(" if ").append(expr(test, PREC_OR));
            }
        }
        return sb.toString();
    }

    private static String index(Expr index) {
        if (index instanceof Expr.TupleExpr t && !t.elts().isEmpty()) {
            return String.join(", ", t.elts().stream().map(e -> expr(e, PREC_OR)).toList()) + (t.elts().size() == 1 ? "," : "");
        }
        return expr(index, 0);
    }

    private static String join(List<Expr> items) {
        return String.join(", ", items.stream().map(e -> expr(e, PREC_OR)).toList());
    }

    private static String constant(Object v) {
        if (v == Expr.ELLIPSIS) {
            return "...";
        } else if (v == PNone.NONE) {
            return "None";
        } else if (v instanceof Embedded e) {
            return e.display();
        }
        return PyObjects.repr(v);
    }

    private static String fstringBody(Expr.FString f) {
        StringBuilder sb = new StringBuilder();
        for (Expr part : f.parts()) {
            if (part instanceof Expr.Const c && c.value() instanceof String s) {
                sb.append(s.replace("{", "{{").replace("}", "}}"));
            } else if (part instanceof Expr.FormattedValue v) {
                sb.append('{').append(expr(v.value(), PREC_OR));
                if (v.conversion() != 0) {
                    sb.append('!').append(v.conversion());
                }
                if (v.formatSpec() != null) {
                    sb.append(':').append(v.formatSpec() instanceof Expr.FString spec ? fstringBody(spec) : expr(v.formatSpec(), 0));
                }
                sb.append('}');
            }
        }
        return sb.toString();
    }
}
