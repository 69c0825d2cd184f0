package jaxon.runtime;

import jaxon.ast.Expr.BinaryOp;
import jaxon.ast.Expr.CompareOp;
import jaxon.ast.Expr.UnaryOperator;

/** Python operators whose operands include an array: mapped onto jax.numpy's primitives. */
public final class ArrayOperators {
    private ArrayOperators() {
    }

    public static Object binary(BinaryOp op, Object a, Object b) {
        throw Errors.notImplemented("array operator " + op.symbol);
    }

    public static Object unary(UnaryOperator op, Object v) {
        throw Errors.notImplemented("array operator " + op.symbol);
    }

    public static Object compare(CompareOp op, Object a, Object b) {
        throw Errors.notImplemented("array comparison " + op.symbol);
    }

    public static Object abs(Object x) {
        throw Errors.notImplemented("abs on arrays");
    }

    public static Object round(Object x, long decimals) {
        throw Errors.notImplemented("round on arrays");
    }

    public static boolean contains(Object array, Object item) {
        throw Errors.notImplemented("in on arrays");
    }
}
