package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import jaxon.ast.Expr;
import jaxon.ast.Module;
import jaxon.ast.Stmt;
import jaxon.parser.ParseError;
import jaxon.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The parser's trees for tricky precedence and its errors (wording, position, incompleteness). */
class ParserTest {
    private static Expr expr(String code) {
        Module m = Parser.parse(code, "t.jx");
        return ((Stmt.ExprStmt) m.body().get(0)).value();
    }

    /** A compact prefix rendering of an expression tree, enough to check grouping. */
    private static String tree(Expr e) {
        return switch (e) {
            case Expr.Name n -> n.id();
            case Expr.Const c -> String.valueOf(c.value());
            case Expr.BinOp b -> "(" + b.op().symbol + " " + tree(b.left()) + " " + tree(b.right()) + ")";
            case Expr.UnaryOp u -> "(" + u.op().symbol.trim() + " " + tree(u.operand()) + ")";
            case Expr.BoolOp b -> "(" + (b.isAnd() ? "and" : "or") + b.values().stream().map(v -> " " + tree(v)).reduce("", String::concat) + ")";
            case Expr.Compare c -> {
                StringBuilder sb = new StringBuilder("(cmp ").append(tree(c.left()));
                for (int i = 0; i < c.ops().size(); i++) {
                    sb.append(' ').append(c.ops().get(i).symbol).append(' ').append(tree(c.comparators().get(i)));
                }
                yield sb.append(')').toString();
            }
            case Expr.IfExp i -> "(if " + tree(i.test()) + " " + tree(i.body()) + " " + tree(i.orElse()) + ")";
            case Expr.Subscript s -> "(sub " + tree(s.value()) + " " + tree(s.index()) + ")";
            case Expr.Slice s -> "(slice " + (s.lower() == null ? "_" : tree(s.lower())) + " " + (s.upper() == null ? "_" : tree(s.upper()))
                    + " " + (s.step() == null ? "_" : tree(s.step())) + ")";
            case Expr.TupleExpr t -> "(tuple" + t.elts().stream().map(v -> " " + tree(v)).reduce("", String::concat) + ")";
            case Expr.Call c -> "(call " + tree(c.func()) + c.args().stream().map(v -> " " + tree(v)).reduce("", String::concat) + ")";
            case Expr.Starred s -> "*" + tree(s.value());
            case Expr.Attribute a -> tree(a.value()) + "." + a.attr();
            default -> e.getClass().getSimpleName();
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "-2**2 ; (- (** 2 2))",
        "2**-1 ; (** 2 (- 1))",
        "2**3**2 ; (** 2 (** 3 2))",
        "a if b else c if d else e ; (if b a (if d c e))",
        "not a == b ; (not (cmp a == b))",
        "a < b < c ; (cmp a < b < c)",
        "a or b and not c ; (or a (and b (not c)))",
        "x[1:2, ::-1] ; (sub x (tuple (slice 1 2 _) (slice _ _ (- 1))))",
        "a @ b + c ; (+ (@ a b) c)",
        "a | b ^ c & d << 1 ; (| a (^ b (& c (<< d 1))))",
        "x.y(1)[0] ; (sub (call x.y 1) 0)",
        "a is not None in b ; (cmp a is not None in b)",
        "f(*a) ; (call f *a)",
        "-x ** 2 * 3 // 4 % 5 ; (% (// (* (- (** x 2)) 3) 4) 5)",
    })
    void precedence(String code, String expected) {
        assertEquals(expected, tree(expr(code)));
    }

    @Test
    void fstringFieldsAndSpecs() {
        Expr.FString f = assertInstanceOf(Expr.FString.class, expr("f'a{x!r:>{w}.3f}b{y=}'"));
        assertEquals(4, f.parts().size()); // "a", {x!r:...}, "by=" (literal text merges), {y!r}
        Expr.FormattedValue first = assertInstanceOf(Expr.FormattedValue.class, f.parts().get(1));
        assertEquals('r', first.conversion());
        assertInstanceOf(Expr.FString.class, first.formatSpec());
        assertEquals("by=", ((Expr.Const) f.parts().get(2)).value());
        assertEquals('r', ((Expr.FormattedValue) f.parts().get(3)).conversion());
    }

    @Test
    void magicLine() {
        Module m = Parser.parse("%timeit -n 10 -r 3 f(x).block_until_ready()\n", "t.jx");
        Stmt.Magic magic = assertInstanceOf(Stmt.Magic.class, m.body().get(0));
        assertEquals("timeit", magic.name());
        assertEquals("-n 10 -r 3", magic.options());
        assertInstanceOf(Stmt.ExprStmt.class, magic.body());
    }

    @Test
    void compoundStatements() {
        Module m = Parser.parse("""
                @deco(1)
                def f(a, b=2, *args, c, d=4, **kw) -> int:
                    global g
                    for i, (j, *k) in enumerate(x):
                        if i: continue
                        elif j: break
                        else: pass
                    else:
                        y = z = [v for v in w if v]
                    try:
                        raise ValueError('x') from None
                    except (TypeError, ValueError) as e:
                        del y[0]
                    finally:
                        return lambda q, r=1: q + r
                """, "t.jx");
        Stmt.FunctionDef f = assertInstanceOf(Stmt.FunctionDef.class, m.body().get(0));
        assertEquals(List.of("a", "b"), f.params().positional().stream().map(p -> p.name()).toList());
        assertEquals("args", f.params().varargs());
        assertEquals(List.of("c", "d"), f.params().keywordOnly().stream().map(p -> p.name()).toList());
        assertEquals("kw", f.params().kwargs());
        assertEquals(1, f.decorators().size());
        assertEquals(3, f.body().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "if x\\n    pass\\n | expected ':' | 1 | 5 | false",
        "x = (1,\\n | '(' was never closed | 1 | 5 | true",
        "if x:\\n | expected an indented block after 'if' statement on line 1 | 1 | 6 | true",
        "x = )\\n | unmatched ')' | 1 | 5 | false",
        "'  x = 1\\n' | unexpected indent | 1 | 2 | false",
        "if x:\\n    a\\n  b\\n | unindent does not match any outer indentation level | 3 | 4 | false",
        "s = 'abc\\n | unterminated string literal (detected at line 1) | 1 | 5 | false",
        "s = '''abc\\n | unterminated triple-quoted string literal (detected at line 1) | 1 | 5 | true",
        "1 = x\\n | cannot assign to literal here. Maybe you meant '==' instead of '='? | 1 | 1 | false",
        "f(a=1, 2)\\n | positional argument follows keyword argument | 1 | 9 | false",
        "def f(a=1, b):\\n    pass\\n | non-default argument follows default argument | 1 | 12 | false",
    })
    void syntaxErrors(String code, String message, int line, int column, boolean incomplete) {
        ParseError e = assertThrows(ParseError.class, () -> Parser.parse(code.replace("\\n", "\n"), "t.jx"));
        assertEquals(message, e.getMessage());
        assertEquals(line, e.line, "line");
        assertEquals(column, e.column, "column");
        assertEquals(incomplete, e.incomplete, "incomplete");
    }
}
