package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import jaxon.ast.Expr.BinaryOp;
import jaxon.runtime.Arith;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PList;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Subscripts;

/** Assignment targets other than names: obj[i] = v, obj.a = v, a, *b = v; and del obj[i]. */
public final class TargetNodes {
    private TargetNodes() {
    }

    public static final class StoreItem extends VariableNodes.Store {
        @Child private ExprNode object;
        @Child private ExprNode index;

        public StoreItem(ExprNode object, ExprNode index) {
            this.object = object;
            this.index = index;
        }

        @Override
        public void store(VirtualFrame frame, Object value) {
            Subscripts.set(object.execute(frame), index.execute(frame), value);
        }
    }

    public static final class StoreAttribute extends VariableNodes.Store {
        @Child private ExprNode object;
        private final String name;

        public StoreAttribute(ExprNode object, String name) {
            this.object = object;
            this.name = name;
        }

        @Override
        public void store(VirtualFrame frame, Object value) {
            jaxon.runtime.Attributes.set(object.execute(frame), name, value);
        }
    }

    /** a, (b, c), *rest = value. starIndex is -1 without a starred target. */
    public static final class Unpack extends VariableNodes.Store {
        @Children private final VariableNodes.Store[] targets;
        private final int starIndex;

        public Unpack(VariableNodes.Store[] targets, int starIndex) {
            this.targets = targets;
            this.starIndex = starIndex;
        }

        @Override
        @ExplodeLoop
        public void store(VirtualFrame frame, Object value) {
            Object[] items = starIndex < 0 ? Iteration.unpack(value, targets.length) : unpackStarred(value);
            for (int i = 0; i < targets.length; i++) {
                targets[i].store(frame, items[i]);
            }
        }

        @TruffleBoundary
        private Object[] unpackStarred(Object value) {
            Object[] all = Iteration.toArray(value);
            int fixed = targets.length - 1;
            if (all.length < fixed) {
                throw Errors.valueError("not enough values to unpack (expected at least " + fixed + ", got " + all.length + ")");
            }
            Object[] out = new Object[targets.length];
            int after = targets.length - starIndex - 1;
            System.arraycopy(all, 0, out, 0, starIndex);
            out[starIndex] = PList.of(java.util.Arrays.copyOfRange(all, starIndex, all.length - after));
            System.arraycopy(all, all.length - after, out, starIndex + 1, after);
            return out;
        }
    }

    /** obj[i] op= value: obj and i are evaluated once. */
    public static final class AugAssignItem extends StmtNode {
        @Child private ExprNode object;
        @Child private ExprNode index;
        @Child private ExprNode value;
        private final BinaryOp op;

        public AugAssignItem(ExprNode object, ExprNode index, BinaryOp op, ExprNode value) {
            this.object = object;
            this.index = index;
            this.op = op;
            this.value = value;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object o = object.execute(frame);
            Object i = index.execute(frame);
            Object current = Subscripts.get(o, i);
            Subscripts.set(o, i, Arith.binary(op, current, value.execute(frame)));
        }
    }

    public static final class DeleteItem extends StmtNode {
        @Child private ExprNode object;
        @Child private ExprNode index;

        public DeleteItem(ExprNode object, ExprNode index) {
            this.object = object;
            this.index = index;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Subscripts.delete(object.execute(frame), index.execute(frame));
        }
    }
}
