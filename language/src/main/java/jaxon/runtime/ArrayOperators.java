package jaxon.runtime;

import jaxon.ast.Expr.BinaryOp;
import jaxon.ast.Expr.CompareOp;
import jaxon.ast.Expr.UnaryOperator;
import jaxon.ops.BinaryPrim;
import jaxon.ops.Elementwise;
import jaxon.ops.LinAlg;
import jaxon.ops.Reductions;
import jaxon.ops.UnaryPrim;

/** Python operators whose operands include an array, mapped onto jax.numpy's primitives. */
public final class ArrayOperators {
    private ArrayOperators() {
    }

    public static Object binary(BinaryOp op, Object a, Object b) {
        if (op == BinaryOp.MATMUL) {
            return LinAlg.matmul(Elementwise.operand("matmul", a, 0), Elementwise.operand("matmul", b, 1));
        }
        if (!(a instanceof NDArray || PyObjects.isNumber(a)) || !(b instanceof NDArray || PyObjects.isNumber(b))) {
            throw Errors.typeError("unsupported operand type(s) for " + op.symbol + ": '" + PyObjects.typeName(a) + "' and '"
                    + PyObjects.typeName(b) + "'");
        }
        BinaryPrim prim = switch (op) {
            case ADD -> BinaryPrim.ADD;
            case SUB -> BinaryPrim.SUB;
            case MUL -> BinaryPrim.MUL;
            case DIV -> BinaryPrim.DIV;
            case FLOORDIV -> BinaryPrim.FLOOR_DIVIDE;
            case MOD -> BinaryPrim.MOD;
            case POW -> BinaryPrim.POW;
            case LSHIFT -> BinaryPrim.LEFT_SHIFT;
            case RSHIFT -> BinaryPrim.RIGHT_SHIFT;
            case BITAND -> BinaryPrim.BITWISE_AND;
            case BITOR -> BinaryPrim.BITWISE_OR;
            case BITXOR -> BinaryPrim.BITWISE_XOR;
            case MATMUL -> throw new IllegalStateException();
        };
        return Elementwise.binary(prim, a, b);
    }

    public static Object unary(UnaryOperator op, Object v) {
        return switch (op) {
            case NEG -> Elementwise.unary(UnaryPrim.NEG, v);
            case POS -> Elementwise.unary(UnaryPrim.POSITIVE, v);
            case INVERT -> Elementwise.unary(UnaryPrim.INVERT, v);
            case NOT -> !PyObjects.isTrue(v);
        };
    }

    public static Object compare(CompareOp op, Object a, Object b) {
        BinaryPrim prim = switch (op) {
            case EQ -> BinaryPrim.EQ;
            case NE -> BinaryPrim.NE;
            case LT -> BinaryPrim.LT;
            case LE -> BinaryPrim.LE;
            case GT -> BinaryPrim.GT;
            case GE -> BinaryPrim.GE;
            default -> throw new IllegalStateException(op.name());
        };
        if (!(a instanceof NDArray || PyObjects.isNumber(a)) || !(b instanceof NDArray || PyObjects.isNumber(b))) {
            if (op == CompareOp.EQ || op == CompareOp.NE) {
                return op == CompareOp.NE; // an array never equals a non-array value
            }
            throw Errors.typeError("'" + op.symbol + "' not supported between instances of '" + PyObjects.typeName(a) + "' and '"
                    + PyObjects.typeName(b) + "'");
        }
        return Elementwise.binary(prim, a, b);
    }

    public static Object abs(Object x) {
        return Elementwise.unary(UnaryPrim.ABS, x);
    }

    public static Object round(Object x, long decimals) {
        return jaxon.builtins.NumpyFunctions.round(x, decimals);
    }

    /** item in array: (array == item).any(). */
    public static boolean contains(Object array, Object item) {
        NDArray eq = Elementwise.binary(BinaryPrim.EQ, array, item);
        return Reductions.reduce(Reductions.Kind.ANY, eq, PNone.NONE, false, 0, null).getBoolean(0);
    }
}
