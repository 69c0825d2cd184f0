package jaxon.nodes;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import java.util.Arrays;
import jaxon.JaxonLanguage;
import jaxon.ops.BinaryPrim;
import jaxon.ops.Elementwise;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.DType;
import jaxon.runtime.NDArray;
import jaxon.runtime.PyValue;

/**
 * A chain of elementwise float32 operations that jit fused into one loop: a tree of scalar nodes
 * evaluated once per element inside a root node's loop, so that partial evaluation compiles the
 * whole chain into one machine loop without temporaries. Operands are arrays of one shape or
 * scalars (0-d arrays and Python numbers); anything else (other dtypes, broadcasting between
 * shapes) runs the same tree op by op on whole arrays instead.
 */
public final class FusedKernel implements PyValue {
    /** A node of the per-element expression. */
    public abstract static class Scalar extends Node {
        abstract float execute(float[][] arrays, float[] scalars, int i);

        /** Whether the value is the same for every element of the loop (built from scalars and constants only). */
        abstract boolean invariant(float[][] arrays);

        /** The same expression on whole arrays, op by op (the unfused path). */
        abstract Object eager(Object[] operands);

        abstract String source();
    }

    /** Operand k: element i of an array, or the scalar. */
    public static final class Operand extends Scalar {
        private final int k;

        public Operand(int k) {
            this.k = k;
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            float[] a = arrays[k];
            return a == null ? scalars[k] : a[i];
        }

        @Override
        boolean invariant(float[][] arrays) {
            return arrays[k] == null;
        }

        @Override
        Object eager(Object[] operands) {
            return operands[k];
        }

        @Override
        String source() {
            return "in" + k;
        }
    }

    public static final class Constant extends Scalar {
        private final float value;
        private final Object pythonValue;

        public Constant(Object pythonValue) {
            this.pythonValue = pythonValue;
            this.value = (float) jaxon.runtime.PyObjects.toDouble(pythonValue);
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            return value;
        }

        @Override
        boolean invariant(float[][] arrays) {
            return true;
        }

        @Override
        Object eager(Object[] operands) {
            return pythonValue;
        }

        @Override
        String source() {
            return jaxon.runtime.PyObjects.repr(pythonValue);
        }
    }

    public static final class Unary extends Scalar {
        @CompilationFinal private UnaryPrim op;
        @Child private Scalar x;

        public Unary(UnaryPrim op, Scalar x) {
            this.op = op;
            this.x = x;
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            return op.apply(x.execute(arrays, scalars, i));
        }

        @Override
        boolean invariant(float[][] arrays) {
            return x.invariant(arrays);
        }

        @Override
        Object eager(Object[] operands) {
            return Elementwise.unary(op, x.eager(operands));
        }

        @Override
        String source() {
            return op.jnpName + "(" + x.source() + ")";
        }
    }

    public static final class Binary extends Scalar {
        @CompilationFinal private BinaryPrim op;
        @Child private Scalar a;
        @Child private Scalar b;

        public Binary(BinaryPrim op, Scalar a, Scalar b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            // A product feeding a sum or difference is one fused multiply-add, as LLVM contracts
            // XLA's fused loops on the CPU (the left operand first when both are products).
            if ((op == BinaryPrim.ADD || op == BinaryPrim.SUB) && a instanceof Binary m && m.op == BinaryPrim.MUL) {
                float y = b.execute(arrays, scalars, i);
                return Math.fma(m.a.execute(arrays, scalars, i), m.b.execute(arrays, scalars, i), op == BinaryPrim.ADD ? y : -y);
            }
            if ((op == BinaryPrim.ADD || op == BinaryPrim.SUB) && b instanceof Binary m && m.op == BinaryPrim.MUL) {
                float x = a.execute(arrays, scalars, i);
                float p = m.a.execute(arrays, scalars, i);
                return Math.fma(op == BinaryPrim.ADD ? p : -p, m.b.execute(arrays, scalars, i), x);
            }
            float x = a.execute(arrays, scalars, i);
            float y = b.execute(arrays, scalars, i);
            if (op == BinaryPrim.POW && b instanceof Constant c && c.pythonValue instanceof Long n) {
                return BinaryPrim.integerPow(x, n);
            }
            if (op == BinaryPrim.DIV && b.invariant(arrays)) {
                return x * (1f / y); // a broadcast divisor, as XLA rewrites it (see Elementwise.divisorIsBroadcast)
            }
            return op.apply(x, y);
        }

        @Override
        boolean invariant(float[][] arrays) {
            return a.invariant(arrays) && b.invariant(arrays);
        }

        @Override
        Object eager(Object[] operands) {
            return Elementwise.binary(op, a.eager(operands), b.eager(operands));
        }

        @Override
        String source() {
            return op.jnpName + "(" + a.source() + ", " + b.source() + ")";
        }
    }

    /** where(left CMP right, then, otherwise), CMP one of the comparison primitives. */
    public static final class Select extends Scalar {
        @CompilationFinal private BinaryPrim comparison;
        @Child private Scalar left;
        @Child private Scalar right;
        @Child private Scalar then;
        @Child private Scalar otherwise;

        public Select(BinaryPrim comparison, Scalar left, Scalar right, Scalar then, Scalar otherwise) {
            this.comparison = comparison;
            this.left = left;
            this.right = right;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            boolean c = comparison.compare(left.execute(arrays, scalars, i), right.execute(arrays, scalars, i));
            // Both branches are evaluated, as where does: the choice is a select, not a jump.
            float t = then.execute(arrays, scalars, i);
            float f = otherwise.execute(arrays, scalars, i);
            return c ? t : f;
        }

        @Override
        boolean invariant(float[][] arrays) {
            return left.invariant(arrays) && right.invariant(arrays) && then.invariant(arrays) && otherwise.invariant(arrays);
        }

        @Override
        Object eager(Object[] operands) {
            return Elementwise.where(Elementwise.binary(comparison, left.eager(operands), right.eager(operands)),
                    then.eager(operands), otherwise.eager(operands));
        }

        @Override
        String source() {
            return "where(" + comparison.jnpName + "(" + left.source() + ", " + right.source() + "), " + then.source() + ", " + otherwise.source() + ")";
        }
    }

    /** The loop: out[i] = body(i) for i in [from, to). */
    private static final class Loop extends RootNode {
        @Child private Scalar body;

        Loop(JaxonLanguage language, Scalar body) {
            super(language);
            this.body = body;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object[] args = frame.getArguments();
            float[][] arrays = (float[][]) args[0];
            float[] scalars = (float[]) args[1];
            float[] out = (float[]) args[2];
            int from = (int) args[3];
            int to = (int) args[4];
            for (int i = from; i < to; i++) {
                out[i] = body.execute(arrays, scalars, i);
            }
            // Counts the iterations toward compilation, so that a loop run a few times over large arrays gets compiled.
            com.oracle.truffle.api.nodes.LoopNode.reportLoopCount(this, to - from);
            return out;
        }

        @Override
        public String getName() {
            return "jit fused loop";
        }
    }

    private final Scalar expression;
    private final CallTarget loop;
    private final int operandCount;

    public FusedKernel(JaxonLanguage language, Scalar expression, int operandCount) {
        this.expression = expression;
        this.operandCount = operandCount;
        this.loop = new Loop(language, expression).getCallTarget();
    }

    /** The fused result for these operands, or the same computation op by op when they do not fit the loop. */
    @TruffleBoundary
    public Object apply(Object[] operands) {
        int[] shape = null;
        boolean weak = true;
        float[][] arrays = new float[operandCount][];
        float[] scalars = new float[operandCount];
        for (int k = 0; k < operandCount; k++) {
            Object v = operands[k];
            if (v instanceof NDArray a) {
                if (a.dtype != DType.FLOAT32) {
                    return expression.eager(operands);
                }
                weak &= a.weakType;
                if (a.ndim() == 0) {
                    scalars[k] = a.floats()[0];
                } else if (shape == null || Arrays.equals(shape, a.shape)) {
                    shape = a.shape;
                    arrays[k] = a.floats();
                } else {
                    return expression.eager(operands);
                }
            } else if (v instanceof Double d) {
                scalars[k] = (float) (double) d;
            } else {
                return expression.eager(operands); // ints, bools and other values follow JAX's promotion op by op
            }
        }
        if (shape == null) {
            return expression.eager(operands);
        }
        float[] out = new float[jaxon.runtime.Shapes.size(shape)];
        run(arrays, scalars, out);
        return new NDArray(DType.FLOAT32, shape, out, weak);
    }

    /** Loops over this many elements or more are split across the cores. */
    private static final int PARALLEL_MIN = 1 << 18;
    /** Cleared when the context refuses new threads (an embedder's restrictions, a single-threaded language beside Jaxon). */
    private static volatile boolean threadsAllowed = true;

    /** Runs the loop over all of out: in parallel parts on threads of the context when it is large. */
    private void run(float[][] arrays, float[] scalars, float[] out) {
        int n = out.length;
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), n / (PARALLEL_MIN / 2));
        if (parts < 2 || !threadsAllowed) {
            loop.call(arrays, scalars, out, 0, n);
            return;
        }
        Thread[] workers = new Thread[parts - 1];
        try {
            jaxon.JaxonContext context = jaxon.JaxonContext.get(null);
            for (int p = 1; p < parts; p++) {
                int from = (int) ((long) n * p / parts);
                int to = (int) ((long) n * (p + 1) / parts);
                workers[p - 1] = context.env.newTruffleThreadBuilder(() -> loop.call(arrays, scalars, out, from, to)).build();
            }
        } catch (RuntimeException refused) {
            threadsAllowed = false;
            loop.call(arrays, scalars, out, 0, n);
            return;
        }
        for (Thread w : workers) {
            w.start();
        }
        loop.call(arrays, scalars, out, 0, n / parts);
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String typeName() {
        return "FusedKernel";
    }

    @Override
    public String repr() {
        return "fused(" + expression.source() + ")";
    }
}
