package jaxon.ast;

import java.util.List;

/**
 * Expressions of Jaxon's Python subset. Immutable records, so that grad and vmap can build new trees
 * from old ones. Optional parts are null when absent.
 */
public sealed interface Expr {
    Span span();

    /** A variable reference. */
    record Name(Span span, String id) implements Expr {
    }

    /** A literal: Long, Double, String, Boolean, PNone.NONE, {@link #ELLIPSIS}, or (in generated code) an {@link Embedded} value. */
    record Const(Span span, Object value) implements Expr {
    }

    Object ELLIPSIS = new Object() {
        @Override
        public String toString() {
            return "Ellipsis";
        }
    };

    /** An f-string: parts are Const strings and FormattedValue. */
    record FString(Span span, List<Expr> parts) implements Expr {
    }

    /** {value!conversion:spec} inside an f-string; conversion is 0, 'r', 's' or 'a'; spec may be null. */
    record FormattedValue(Span span, Expr value, char conversion, Expr formatSpec) implements Expr {
    }

    record ListExpr(Span span, List<Expr> elts) implements Expr {
    }

    record TupleExpr(Span span, List<Expr> elts) implements Expr {
    }

    /** A dict display; a null key means {@code **value} unpacking. */
    record DictExpr(Span span, List<Expr> keys, List<Expr> values) implements Expr {
    }

    record BinOp(Span span, Expr left, BinaryOp op, Expr right) implements Expr {
    }

    record UnaryOp(Span span, UnaryOperator op, Expr operand) implements Expr {
    }

    /** {@code a and b and c} (isAnd) or {@code a or b or c}. */
    record BoolOp(Span span, boolean isAnd, List<Expr> values) implements Expr {
    }

    /** A comparison chain: left ops[0] comparators[0] ops[1] comparators[1] ... */
    record Compare(Span span, Expr left, List<CompareOp> ops, List<Expr> comparators) implements Expr {
    }

    /** A call; args may contain Starred; a keyword with a null name is {@code **value}. */
    record Call(Span span, Expr func, List<Expr> args, List<Keyword> keywords) implements Expr {
    }

    record Keyword(Span span, String name, Expr value) {
    }

    record Attribute(Span span, Expr value, String attr) implements Expr {
    }

    /** value[index]; a tuple index such as x[1, ::2] is a TupleExpr of its parts. */
    record Subscript(Span span, Expr value, Expr index) implements Expr {
    }

    /** lower:upper:step inside a subscript; each part may be null. */
    record Slice(Span span, Expr lower, Expr upper, Expr step) implements Expr {
    }

    /** *value in a call, list, tuple or assignment target. */
    record Starred(Span span, Expr value) implements Expr {
    }

    /** body if test else orElse. */
    record IfExp(Span span, Expr test, Expr body, Expr orElse) implements Expr {
    }

    record Lambda(Span span, Parameters params, Expr body) implements Expr {
    }

    /** [elt for ...] (kind LIST), (elt for ...) (GENERATOR, evaluated eagerly to a list), {elt for ...} (SET). */
    record ListComp(Span span, Expr elt, List<Comprehension> generators, CompKind kind) implements Expr {
    }

    record DictComp(Span span, Expr key, Expr value, List<Comprehension> generators) implements Expr {
    }

    /** for target in iter if cond1 if cond2 ... */
    record Comprehension(Expr target, Expr iter, List<Expr> ifs) {
    }

    enum CompKind {
        LIST, GENERATOR, SET
    }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOORDIV("//"), MOD("%"), POW("**"), MATMUL("@"),
        LSHIFT("<<"), RSHIFT(">>"), BITAND("&"), BITOR("|"), BITXOR("^");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum UnaryOperator {
        NEG("-"), POS("+"), NOT("not "), INVERT("~");

        public final String symbol;

        UnaryOperator(String symbol) {
            this.symbol = symbol;
        }
    }

    enum CompareOp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"), IS("is"), IS_NOT("is not");

        public final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }
    }
}
