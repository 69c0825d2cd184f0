package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RepeatingNode;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import java.util.Iterator;
import jaxon.JaxonContext;
import jaxon.runtime.Arith;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.JaxonException;
import jaxon.runtime.PNone;
import jaxon.runtime.PRange;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyBaseException;
import jaxon.runtime.PyExceptionType;
import jaxon.runtime.PyObjects;

/** Statements: blocks, expression statements, assignment, control flow, exceptions. */
public final class StatementNodes {
    private StatementNodes() {
    }

    public static final class Block extends StmtNode {
        @Children private final StmtNode[] body;

        public Block(StmtNode[] body) {
            this.body = body;
        }

        @Override
        @ExplodeLoop
        protected void executeStatement(VirtualFrame frame) {
            for (StmtNode s : body) {
                s.execute(frame);
            }
        }
    }

    public static final class ExprStmt extends StmtNode {
        @Child private ExprNode value;
        /** In the REPL, top-level expression values are echoed as Python's REPL does. */
        private final boolean echo;

        public ExprStmt(ExprNode value, boolean echo) {
            this.value = value;
            this.echo = echo;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object v = value.execute(frame);
            if (echo && v != PNone.NONE) {
                echo(v);
            }
        }

        @TruffleBoundary
        private void echo(Object v) {
            JaxonContext.get(this).write(PyObjects.repr(v) + "\n", null);
        }

        public ExprNode value() {
            return value;
        }
    }

    public static final class Pass extends StmtNode {
        @Override
        protected void executeStatement(VirtualFrame frame) {
        }
    }

    public static final class Assign extends StmtNode {
        @Children private final VariableNodes.Store[] targets;
        @Child private ExprNode value;

        public Assign(VariableNodes.Store[] targets, ExprNode value) {
            this.targets = targets;
            this.value = value;
        }

        @Override
        @ExplodeLoop
        protected void executeStatement(VirtualFrame frame) {
            Object v = value.execute(frame);
            for (VariableNodes.Store t : targets) {
                t.store(frame, v);
            }
        }
    }

    public static final class If extends StmtNode {
        @Child private ExprNode test;
        @Child private StmtNode then;
        @Child private StmtNode orElse;
        private final CountingConditionProfile profile = CountingConditionProfile.create();

        public If(ExprNode test, StmtNode then, StmtNode orElse) {
            this.test = test;
            this.then = then;
            this.orElse = orElse;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            if (profile.profile(OperatorNodes.isTrue(test.execute(frame)))) {
                then.execute(frame);
            } else if (orElse != null) {
                orElse.execute(frame);
            }
        }
    }

    public static final class Break extends StmtNode {
        @Override
        protected void executeStatement(VirtualFrame frame) {
            throw ControlFlow.Break.INSTANCE;
        }
    }

    public static final class Continue extends StmtNode {
        @Override
        protected void executeStatement(VirtualFrame frame) {
            throw ControlFlow.Continue.INSTANCE;
        }
    }

    public static final class Return extends StmtNode {
        @Child private ExprNode value;

        public Return(ExprNode value) {
            this.value = value;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            throw new ControlFlow.Return(value == null ? PNone.NONE : value.execute(frame));
        }
    }

    /** while test: body (else: orElse), as an OSR-capable Truffle loop. */
    public static final class While extends StmtNode {
        @Child private LoopNode loop;
        @Child private StmtNode orElse;

        public While(ExprNode test, StmtNode body, StmtNode orElse) {
            this.loop = Truffle.getRuntime().createLoopNode(new WhileBody(test, body));
            this.orElse = orElse;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object result = loop.execute(frame);
            if (result != ControlFlow.Break.INSTANCE && orElse != null) {
                orElse.execute(frame);
            }
        }
    }

    private static final class WhileBody extends JaxonNode implements RepeatingNode {
        @Child private ExprNode test;
        @Child private StmtNode body;

        WhileBody(ExprNode test, StmtNode body) {
            this.test = test;
            this.body = body;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            if (!OperatorNodes.isTrue(test.execute(frame))) {
                return BREAK_LOOP_STATUS;
            }
            try {
                body.execute(frame);
            } catch (ControlFlow.Break b) {
                return ControlFlow.Break.INSTANCE;
            } catch (ControlFlow.Continue c) {
                // next iteration
            }
            return CONTINUE_LOOP_STATUS;
        }
    }

    /** for target in iterable: body (else: orElse). Ranges loop on a counter; the rest via an iterator. */
    public static final class For extends StmtNode {
        @Child private ExprNode iterable;
        @Child private LoopNode rangeLoop;
        @Child private LoopNode iteratorLoop;
        @Child private StmtNode orElse;
        private final int counterSlot;
        private final int iteratorSlot;

        public For(VariableNodes.Store target, ExprNode iterable, StmtNode body, StmtNode orElse, int counterSlot, int iteratorSlot) {
            this.iterable = iterable;
            this.counterSlot = counterSlot;
            this.iteratorSlot = iteratorSlot;
            this.rangeLoop = Truffle.getRuntime().createLoopNode(new RangeBody(target, body, counterSlot));
            this.iteratorLoop = Truffle.getRuntime().createLoopNode(new IteratorBody(
                    (VariableNodes.Store) target.deepCopy(), (StmtNode) body.deepCopy(), iteratorSlot));
            this.orElse = orElse;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object it = iterable.execute(frame);
            Object result;
            if (it instanceof PRange r) {
                frame.setObject(counterSlot, new long[]{r.start, r.step, r.length()});
                result = rangeLoop.execute(frame);
            } else {
                frame.setObject(iteratorSlot, Iteration.iterator(it));
                result = iteratorLoop.execute(frame);
            }
            if (result != ControlFlow.Break.INSTANCE && orElse != null) {
                orElse.execute(frame);
            }
        }
    }

    private static final class RangeBody extends JaxonNode implements RepeatingNode {
        @Child private VariableNodes.Store target;
        @Child private StmtNode body;
        private final int slot;

        RangeBody(VariableNodes.Store target, StmtNode body, int slot) {
            this.target = target;
            this.body = body;
            this.slot = slot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            long[] state = (long[]) frame.getObject(slot); // {next value, step, remaining}
            if (state[2] <= 0) {
                return BREAK_LOOP_STATUS;
            }
            long v = state[0];
            state[0] = v + state[1];
            state[2]--;
            target.store(frame, v);
            try {
                body.execute(frame);
            } catch (ControlFlow.Break b) {
                return ControlFlow.Break.INSTANCE;
            } catch (ControlFlow.Continue c) {
                // next iteration
            }
            return CONTINUE_LOOP_STATUS;
        }
    }

    private static final class IteratorBody extends JaxonNode implements RepeatingNode {
        @Child private VariableNodes.Store target;
        @Child private StmtNode body;
        private final int slot;

        IteratorBody(VariableNodes.Store target, StmtNode body, int slot) {
            this.target = target;
            this.body = body;
            this.slot = slot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            @SuppressWarnings("unchecked")
            Iterator<Object> it = (Iterator<Object>) frame.getObject(slot);
            if (!hasNext(it)) {
                return BREAK_LOOP_STATUS;
            }
            target.store(frame, next(it));
            try {
                body.execute(frame);
            } catch (ControlFlow.Break b) {
                return ControlFlow.Break.INSTANCE;
            } catch (ControlFlow.Continue c) {
                // next iteration
            }
            return CONTINUE_LOOP_STATUS;
        }

        @TruffleBoundary
        private static boolean hasNext(Iterator<Object> it) {
            return it.hasNext();
        }

        @TruffleBoundary
        private static Object next(Iterator<Object> it) {
            return it.next();
        }
    }

    public static final class Raise extends StmtNode {
        @Child private ExprNode exception;
        @Child private ExprNode cause;

        public Raise(ExprNode exception, ExprNode cause) {
            this.exception = exception;
            this.cause = cause;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object e = exception.execute(frame);
            if (cause != null) {
                cause.execute(frame);
            }
            throw new JaxonException(toException(e), this);
        }

        @TruffleBoundary
        static PyBaseException toException(Object e) {
            if (e instanceof PyBaseException p) {
                return p;
            } else if (e instanceof PyExceptionType t) {
                return new PyBaseException(t, PTuple.EMPTY);
            }
            throw Errors.typeError("exceptions must derive from BaseException");
        }
    }

    /** A bare raise inside an except block: re-raises the exception being handled. */
    public static final class Reraise extends StmtNode {
        private final int caughtSlot;

        public Reraise(int caughtSlot) {
            this.caughtSlot = caughtSlot;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object e = frame.getObject(caughtSlot);
            if (!(e instanceof JaxonException ex)) {
                throw Errors.raise(PyExceptionType.RUNTIME_ERROR, "No active exception to reraise");
            }
            throw ex;
        }
    }

    public static final class Assert extends StmtNode {
        @Child private ExprNode test;
        @Child private ExprNode message;

        public Assert(ExprNode test, ExprNode message) {
            this.test = test;
            this.message = message;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            if (!OperatorNodes.isTrue(test.execute(frame))) {
                PTuple args = message == null ? PTuple.EMPTY : PTuple.of(message.execute(frame));
                throw new JaxonException(new PyBaseException(PyExceptionType.ASSERTION_ERROR, args), this);
            }
        }
    }

    /** try/except/else/finally. */
    public static final class Try extends StmtNode {
        @Child private StmtNode body;
        @Children private final ExprNode[] handlerTypes;
        @Children private final VariableNodes.Store[] handlerNames;
        @Children private final StmtNode[] handlerBodies;
        @Child private StmtNode orElse;
        @Child private StmtNode finalBody;
        private final int caughtSlot;

        public Try(StmtNode body, ExprNode[] handlerTypes, VariableNodes.Store[] handlerNames, StmtNode[] handlerBodies,
                        StmtNode orElse, StmtNode finalBody, int caughtSlot) {
            this.body = body;
            this.handlerTypes = handlerTypes;
            this.handlerNames = handlerNames;
            this.handlerBodies = handlerBodies;
            this.orElse = orElse;
            this.finalBody = finalBody;
            this.caughtSlot = caughtSlot;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            try {
                runBodyAndHandlers(frame);
            } finally {
                if (finalBody != null) {
                    finalBody.execute(frame);
                }
            }
        }

        @ExplodeLoop
        private void runBodyAndHandlers(VirtualFrame frame) {
            try {
                body.execute(frame);
            } catch (JaxonException e) {
                for (int i = 0; i < handlerBodies.length; i++) {
                    if (handlerTypes[i] == null || matches(e, handlerTypes[i].execute(frame))) {
                        Object saved = frame.getObject(caughtSlot);
                        frame.setObject(caughtSlot, e);
                        if (handlerNames[i] != null) {
                            handlerNames[i].store(frame, e.value);
                        }
                        try {
                            handlerBodies[i].execute(frame);
                        } finally {
                            frame.setObject(caughtSlot, saved);
                        }
                        return;
                    }
                }
                throw e;
            }
            if (orElse != null) {
                orElse.execute(frame);
            }
        }

        @TruffleBoundary
        private static boolean matches(JaxonException e, Object type) {
            if (type instanceof PyExceptionType t) {
                return e.value.type.isSubclassOf(t);
            } else if (type instanceof PTuple tuple) {
                for (Object t : tuple.items()) {
                    if (matches(e, t)) {
                        return true;
                    }
                }
                return false;
            }
            throw Errors.typeError("catching classes that do not inherit from BaseException is not allowed");
        }
    }

    /** Augmented assignment to a simple name: target = target op value. */
    public static final class AugAssign extends StmtNode {
        @Child private ExprNode read;
        @Child private ExprNode value;
        @Child private VariableNodes.Store store;
        private final jaxon.ast.Expr.BinaryOp op;

        public AugAssign(ExprNode read, jaxon.ast.Expr.BinaryOp op, ExprNode value, VariableNodes.Store store) {
            this.read = read;
            this.op = op;
            this.value = value;
            this.store = store;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object a = read.execute(frame);
            Object b = value.execute(frame);
            if (a instanceof jaxon.runtime.PList l && op == jaxon.ast.Expr.BinaryOp.ADD) {
                extend(l, b); // list += iterable extends in place
                return;
            }
            Object r;
            if (a instanceof Long x && b instanceof Long y && op == jaxon.ast.Expr.BinaryOp.ADD && ((x ^ (x + y)) & (y ^ (x + y))) >= 0) {
                r = x + y;
            } else if (a instanceof Double x && b instanceof Double y && op == jaxon.ast.Expr.BinaryOp.ADD) {
                r = x + y;
            } else {
                r = Arith.binary(op, a, b);
            }
            store.store(frame, r);
        }

        @TruffleBoundary
        private static void extend(jaxon.runtime.PList l, Object b) {
            java.util.Collections.addAll(l.items, Iteration.toArray(b));
        }
    }
}
