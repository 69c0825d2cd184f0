package jaxon.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import jaxon.ast.Expr.BinaryOp;
import jaxon.ast.Expr.CompareOp;
import jaxon.ast.Expr.UnaryOperator;
import jaxon.runtime.Arith;
import jaxon.runtime.PyObjects;

/** Arithmetic, comparison and boolean operators. Fast paths for float and small-int scalars. */
public final class OperatorNodes {
    private OperatorNodes() {
    }

    public static final class Binary extends ExprNode {
        @Child private ExprNode left;
        @Child private ExprNode right;
        private final BinaryOp op;

        public Binary(ExprNode left, BinaryOp op, ExprNode right) {
            this.left = left;
            this.op = op;
            this.right = right;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object a = left.execute(frame);
            Object b = right.execute(frame);
            if (a instanceof Double x && b instanceof Double y) {
                switch (op) {
                    case ADD:
                        return x + y;
                    case SUB:
                        return x - y;
                    case MUL:
                        return x * y;
                    case DIV:
                        if (y != 0) {
                            return x / y;
                        }
                        break;
                    default:
                        break;
                }
            } else if (a instanceof Long x && b instanceof Long y) {
                switch (op) {
                    case ADD: {
                        long r = x + y;
                        if (((x ^ r) & (y ^ r)) >= 0) {
                            return r;
                        }
                        break;
                    }
                    case SUB: {
                        long r = x - y;
                        if (((x ^ y) & (x ^ r)) >= 0) {
                            return r;
                        }
                        break;
                    }
                    case MUL: {
                        long r = x * y;
                        if (Math.multiplyHigh(x, y) == (r >> 63)) {
                            return r;
                        }
                        break;
                    }
                    default:
                        break;
                }
            }
            return Arith.binary(op, a, b);
        }
    }

    public static final class Unary extends ExprNode {
        @Child private ExprNode operand;
        private final UnaryOperator op;

        public Unary(UnaryOperator op, ExprNode operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object v = operand.execute(frame);
            if (op == UnaryOperator.NEG && v instanceof Double d) {
                return -d;
            }
            return Arith.unary(op, v);
        }
    }

    /** a < b < c: each operand evaluated once, stopping at the first false link. */
    public static final class Compare extends ExprNode {
        @Children private final ExprNode[] operands;
        private final CompareOp[] ops;

        public Compare(ExprNode[] operands, CompareOp[] ops) {
            this.operands = operands;
            this.ops = ops;
        }

        @Override
        @com.oracle.truffle.api.nodes.ExplodeLoop
        public Object execute(VirtualFrame frame) {
            Object a = operands[0].execute(frame);
            Object result = true;
            for (int i = 0; i < ops.length; i++) {
                Object b = operands[i + 1].execute(frame);
                result = compare(ops[i], a, b);
                if (i < ops.length - 1 && !PyObjects.isTrue(result)) {
                    return result;
                }
                a = b;
            }
            return result;
        }

        private static Object compare(CompareOp op, Object a, Object b) {
            if (a instanceof Long x && b instanceof Long y) {
                switch (op) {
                    case LT:
                        return x < y;
                    case LE:
                        return x <= y;
                    case GT:
                        return x > y;
                    case GE:
                        return x >= y;
                    case EQ:
                        return x.longValue() == y.longValue();
                    case NE:
                        return x.longValue() != y.longValue();
                    default:
                        break;
                }
            } else if (a instanceof Double x && b instanceof Double y) {
                switch (op) {
                    case LT:
                        return x < y;
                    case LE:
                        return x <= y;
                    case GT:
                        return x > y;
                    case GE:
                        return x >= y;
                    default:
                        break;
                }
            }
            return Arith.compare(op, a, b);
        }
    }

    /** and/or with Python's short-circuit, returning the deciding operand. */
    public static final class BoolOp extends ExprNode {
        @Children private final ExprNode[] values;
        private final boolean isAnd;

        public BoolOp(boolean isAnd, ExprNode[] values) {
            this.isAnd = isAnd;
            this.values = values;
        }

        @Override
        @com.oracle.truffle.api.nodes.ExplodeLoop
        public Object execute(VirtualFrame frame) {
            Object v = null;
            for (int i = 0; i < values.length; i++) {
                v = values[i].execute(frame);
                if (i < values.length - 1 && PyObjects.isTrue(v) != isAnd) {
                    return v;
                }
            }
            return v;
        }
    }

    public static final class IfExp extends ExprNode {
        @Child private ExprNode test;
        @Child private ExprNode body;
        @Child private ExprNode orElse;
        private final CountingConditionProfile profile = CountingConditionProfile.create();

        public IfExp(ExprNode test, ExprNode body, ExprNode orElse) {
            this.test = test;
            this.body = body;
            this.orElse = orElse;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return profile.profile(isTrue(test.execute(frame))) ? body.execute(frame) : orElse.execute(frame);
        }
    }

    public static boolean isTrue(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        return PyObjects.isTrue(v);
    }
}
