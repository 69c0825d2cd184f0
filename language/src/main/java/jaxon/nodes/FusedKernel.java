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
import jaxon.ops.Reductions;
import jaxon.ops.Simd;
import jaxon.ops.UnaryPrim;
import jaxon.ops.XlaSum;
import jaxon.runtime.DType;
import jaxon.runtime.NDArray;
import jaxon.runtime.PyValue;

/**
 * A chain of elementwise float32 operations that jit fused into one loop: a tree of scalar nodes
 * evaluated once per element inside a root node's loop, so that partial evaluation compiles the
 * whole chain into one machine loop without temporaries. Operands are float32 arrays, broadcast
 * to the loop's shape first where their shapes differ, or scalars (0-d arrays and Python
 * numbers); anything else (other dtypes) runs the same tree op by op on whole arrays instead.
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

        abstract Scalar[] children();

        /** This node's buffer in a {@link Lanes} evaluation (numbered in preorder from the root). */
        int slot;

        /**
         * This node's values over the current run of elements, computed by SIMD kernels: the
         * returned array from index lanes.offset(this) on (an operand's own array, else this
         * node's buffer).
         */
        float[] lanes(Lanes lanes) {
            float[] out = lanes.buffers[slot];
            if (lanes.invariant[slot]) {
                if (!lanes.filled[slot]) { // the same for every run: filled once
                    Arrays.fill(out, execute(lanes.arrays, lanes.scalars, 0));
                    lanes.filled[slot] = true;
                }
            } else {
                computeLanes(lanes, out, 0);
            }
            return out;
        }

        /** Writes this node's values over the current run into out from index o (the node is not invariant). */
        abstract void computeLanes(Lanes lanes, float[] out, int o);
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

        @Override
        Scalar[] children() {
            return new Scalar[0];
        }

        @Override
        float[] lanes(Lanes lanes) {
            float[] a = lanes.arrays[k];
            return a == null ? super.lanes(lanes) : a; // read in place: offset(this) is the run's start
        }

        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            System.arraycopy(lanes.arrays[k], lanes.from, out, o, lanes.length);
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

        @Override
        Scalar[] children() {
            return new Scalar[0];
        }

        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            throw new IllegalStateException("a constant is invariant");
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

        @Override
        Scalar[] children() {
            return new Scalar[] {x};
        }

        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            Simd.unary(op, x.lanes(lanes), lanes.offset(x), out, o, lanes.length);
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

        @Override
        Scalar[] children() {
            return new Scalar[] {a, b};
        }

        /** The same operations as execute, in the same order, run by run. */
        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            int n = lanes.length;
            if ((op == BinaryPrim.ADD || op == BinaryPrim.SUB) && a instanceof Binary m && m.op == BinaryPrim.MUL) {
                Simd.fma(m.a.lanes(lanes), lanes.offset(m.a), m.b.lanes(lanes), lanes.offset(m.b),
                        b.lanes(lanes), lanes.offset(b), op == BinaryPrim.SUB, out, o, n);
                return;
            }
            if ((op == BinaryPrim.ADD || op == BinaryPrim.SUB) && b instanceof Binary m && m.op == BinaryPrim.MUL) {
                float[] p = m.a.lanes(lanes);
                int pi = lanes.offset(m.a);
                if (op == BinaryPrim.SUB) {
                    Simd.unary(UnaryPrim.NEG, p, pi, out, o, n);
                    p = out;
                    pi = o;
                }
                Simd.fma(p, pi, m.b.lanes(lanes), lanes.offset(m.b), a.lanes(lanes), lanes.offset(a), false, out, o, n);
                return;
            }
            float[] x = a.lanes(lanes);
            int xi = lanes.offset(a);
            if (op == BinaryPrim.POW && b instanceof Constant c && c.pythonValue instanceof Long power) {
                Simd.integerPow(x, xi, power, out, o, n);
            } else if (op == BinaryPrim.DIV && lanes.invariant[b.slot]) {
                float[] reciprocal = lanes.buffers[slot];
                Arrays.fill(reciprocal, 0, n, 1f / b.lanes(lanes)[0]);
                Simd.binary(BinaryPrim.MUL, x, xi, reciprocal, 0, out, o, n);
            } else {
                Simd.binary(op, x, xi, b.lanes(lanes), lanes.offset(b), out, o, n);
            }
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

        @Override
        Scalar[] children() {
            return new Scalar[] {left, right, then, otherwise};
        }

        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            Simd.select(comparison, left.lanes(lanes), lanes.offset(left), right.lanes(lanes), lanes.offset(right),
                    then.lanes(lanes), lanes.offset(then), otherwise.lanes(lanes), lanes.offset(otherwise), out, o, lanes.length);
        }
    }

    /**
     * A call of one of grad's two-argument cotangent helpers (stdlib/jaxon/ad.jx) inside a chain:
     * fused, its elementwise meaning for arrays of one shape; otherwise the helper itself, which
     * also takes None (a zero cotangent) and pytrees.
     */
    public abstract static class Helper extends Scalar {
        final Object helper;
        @Child Scalar a;
        @Child Scalar b;

        Helper(Object helper, Scalar a, Scalar b) {
            this.helper = helper;
            this.a = a;
            this.b = b;
        }

        /** Whether the elementwise meaning holds for these operands. */
        boolean fits(float[][] arrays) {
            return true;
        }

        @Override
        Scalar[] children() {
            return new Scalar[] {a, b};
        }

        @Override
        Object eager(Object[] operands) {
            return jaxon.runtime.Calls.call(helper, a.eager(operands), b.eager(operands));
        }

        @Override
        String source() {
            return "ad." + ((jaxon.runtime.PFunction) helper).name + "(" + a.source() + ", " + b.source() + ")";
        }
    }

    /** ad.add(a, b): a + b (one rounding: the sum of two cotangents computed before it, as eager code adds them). */
    public static final class AddCotangents extends Helper {
        public AddCotangents(Object helper, Scalar a, Scalar b) {
            super(helper, a, b);
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            return a.execute(arrays, scalars, i) + b.execute(arrays, scalars, i);
        }

        @Override
        boolean invariant(float[][] arrays) {
            return a.invariant(arrays) && b.invariant(arrays);
        }

        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            Simd.binary(BinaryPrim.ADD, a.lanes(lanes), lanes.offset(a), b.lanes(lanes), lanes.offset(b), out, o, lanes.length);
        }
    }

    /**
     * ad.unbroadcast(ct, x) (ct is a, x is b): ct itself when it has x's shape; a sum over
     * broadcast axes otherwise, which the loop cannot do.
     */
    public static final class Unbroadcast extends Helper {
        public Unbroadcast(Object helper, Scalar ct, Scalar x) {
            super(helper, ct, x);
        }

        /** In the loop every array operand has the loop's shape and every other one is a scalar. */
        @Override
        boolean fits(float[][] arrays) {
            return a.invariant(arrays) == b.invariant(arrays);
        }

        @Override
        float execute(float[][] arrays, float[] scalars, int i) {
            return a.execute(arrays, scalars, i);
        }

        @Override
        boolean invariant(float[][] arrays) {
            return a.invariant(arrays);
        }

        @Override
        void computeLanes(Lanes lanes, float[] out, int o) {
            System.arraycopy(a.lanes(lanes), lanes.offset(a), out, o, lanes.length);
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

    /**
     * One thread's state for evaluating the expression run by run in SIMD kernels: a buffer of
     * {@link #RUN} values per node, and which nodes are the same for every element.
     */
    static final class Lanes {
        /** Elements per run: the buffers of a typical chain stay in the L1 cache. */
        static final int RUN = 1024;

        final float[][] arrays;
        final float[] scalars;
        final float[][] buffers;
        final boolean[] invariant;
        final boolean[] filled;
        int from;
        int length;

        /** Where node's values start in the array its lanes() returned. */
        int offset(Scalar node) {
            return node instanceof Operand && !invariant[node.slot] ? from : 0;
        }

        Lanes(Scalar[] nodes, float[][] arrays, float[] scalars, float[][] buffers) {
            this.arrays = arrays;
            this.scalars = scalars;
            this.buffers = buffers;
            this.invariant = new boolean[nodes.length];
            this.filled = new boolean[nodes.length];
            for (Scalar node : nodes) {
                invariant[node.slot] = node.invariant(arrays);
            }
        }
    }

    private final Scalar expression;
    /** The expression's nodes in preorder: nodes[k].slot == k. */
    private final Scalar[] nodes;
    /** The nodes whose loop form holds only for some operands: checked at each call (usually none). */
    private final Helper[] helpers;
    private final Binary[] divisions;
    private final CallTarget loop;
    private final int operandCount;
    /** Each thread's buffers for {@link Lanes}, kept from call to call: a call allocates little besides its result. */
    private final ThreadLocal<float[][]> runBuffers;

    public FusedKernel(JaxonLanguage language, Scalar expression, int operandCount) {
        this.expression = expression;
        this.operandCount = operandCount;
        java.util.List<Scalar> preorder = new java.util.ArrayList<>();
        number(expression, preorder);
        this.nodes = preorder.toArray(new Scalar[0]);
        this.helpers = preorder.stream().filter(n -> n instanceof Helper).toArray(Helper[]::new);
        this.divisions = preorder.stream().filter(n -> n instanceof Binary d && d.op == BinaryPrim.DIV && !(d.b instanceof Constant))
                .toArray(Binary[]::new);
        this.runBuffers = ThreadLocal.withInitial(() -> new float[nodes.length + 1][Lanes.RUN]); // the last: sum's values
        this.loop = new Loop(language, expression).getCallTarget();
    }

    private static void number(Scalar node, java.util.List<Scalar> preorder) {
        node.slot = preorder.size();
        preorder.add(node);
        for (Scalar child : node.children()) {
            number(child, preorder);
        }
    }

    /** The fused result for these operands, or the same computation op by op when they do not fit the loop. */
    @TruffleBoundary
    public Object apply(Object[] operands) {
        Prepared p = prepare(operands);
        return p == null ? expression.eager(operands) : values(p);
    }

    /** The loop's values over prepared operands. */
    private NDArray values(Prepared p) {
        float[] out = new float[jaxon.runtime.Shapes.size(p.shape)];
        if (out.length >= SIMD_MIN && Simd.ready()) {
            runInLanes(p.arrays, p.scalars, out);
        } else {
            run(p.arrays, p.scalars, out);
        }
        return new NDArray(DType.FLOAT32, p.shape, out, p.weak);
    }

    /**
     * jnp.sum (or jnp.mean) of the fused result without storing it: each aligned run of
     * {@link XlaSum#CHUNK_ELEMENTS} values is computed and reduced to its YNNPACK partial sums on
     * the thread that computed it, and the partials are folded in order, so the sum is the one
     * jnp.sum gives for the stored result, bit for bit.
     */
    @TruffleBoundary
    public Object sum(Object[] operands, boolean mean) {
        Prepared p = prepare(operands);
        int n = p == null ? 0 : jaxon.runtime.Shapes.size(p.shape);
        if (p == null || !XlaSum.usesYnn(n, 1) || !Simd.ready()) {
            NDArray values = p == null ? jaxon.ops.Convert.asArray(expression.eager(operands)) : values(p);
            return Reductions.reduce(mean ? Reductions.Kind.MEAN : Reductions.Kind.SUM, values, jaxon.runtime.PNone.NONE, false, 0, null);
        }
        int chunks = n / XlaSum.CHUNK_ELEMENTS; // a chunk fits the run buffers: CHUNK_ELEMENTS == Lanes.RUN
        float[] partials = new float[chunks * XlaSum.LANES];
        jaxon.ops.Parallel.forChunks(chunks * XlaSum.CHUNK_ELEMENTS, (from, to) -> {
            float[][] buffers = runBuffers.get();
            Lanes lanes = new Lanes(nodes, p.arrays, p.scalars, buffers);
            float[] values = buffers[nodes.length];
            float[] scratch = new float[XlaSum.LANES];
            for (int i = from; i < to; i += XlaSum.CHUNK_ELEMENTS) {
                compute(lanes, i, XlaSum.CHUNK_ELEMENTS, values, 0);
                XlaSum.chunkPartial(values, 0, partials, i / XlaSum.CHUNK_ELEMENTS * XlaSum.LANES, scratch);
            }
        });
        int tail = n - chunks * XlaSum.CHUNK_ELEMENTS;
        float[] tailValues = new float[tail];
        if (tail > 0) {
            compute(new Lanes(nodes, p.arrays, p.scalars, runBuffers.get()), n - tail, tail, tailValues, 0);
        }
        float total = XlaSum.ynnSumOfChunks(partials, chunks, tailValues, tail);
        return new NDArray(DType.FLOAT32, new int[0], new float[] {mean ? total * (1f / (float) n) : total}, false);
    }

    /** The operands as the loop reads them, or null where the op-by-op path must run. */
    private record Prepared(float[][] arrays, float[] scalars, int[] shape, boolean weak) {
    }

    private Prepared prepare(Object[] operands) {
        int[] shape = null;
        boolean broadcasting = false;
        boolean weak = true;
        float[][] arrays = new float[operandCount][];
        float[] scalars = new float[operandCount];
        for (int k = 0; k < operandCount; k++) {
            Object v = operands[k];
            if (v instanceof NDArray a) {
                if (a.dtype != DType.FLOAT32) {
                    return null;
                }
                weak &= a.weakType;
                if (a.ndim() == 0) {
                    scalars[k] = a.floats()[0];
                } else {
                    arrays[k] = a.floats();
                    broadcasting |= shape != null && !Arrays.equals(shape, a.shape);
                    shape = shape == null ? a.shape : jaxon.runtime.Shapes.broadcast(shape, a.shape);
                    if (shape == null) {
                        return null; // the op-by-op path raises JAX's broadcasting error
                    }
                }
            } else if (v instanceof Double d) {
                scalars[k] = (float) (double) d;
            } else {
                return null; // ints, bools and other values follow JAX's promotion op by op
            }
        }
        if (shape == null) {
            return null;
        }
        for (Helper h : helpers) {
            if (broadcasting || !h.fits(arrays)) {
                return null;
            }
        }
        for (Binary d : divisions) {
            if (broadcasting && !d.b.invariant(arrays)) {
                return null; // a divisor of another shape is a reciprocal op by op (Elementwise.divisorIsBroadcast)
            }
        }
        if (broadcasting) { // operands of smaller shapes are spread out to the loop's shape first
            for (int k = 0; k < operandCount; k++) {
                if (arrays[k] != null && !Arrays.equals(((NDArray) operands[k]).shape, shape)) {
                    arrays[k] = jaxon.ops.ShapeOps.broadcastTo((NDArray) operands[k], shape).floats();
                }
            }
        }
        return new Prepared(arrays, scalars, shape, weak);
    }

    /**
     * Arrays of this many elements or more are computed in SIMD kernels run by run; smaller ones
     * by the partially evaluated scalar loop, which has no call overhead.
     */
    private static final int SIMD_MIN = 1 << 12;

    /** The whole expression in SIMD kernels, a run of elements at a time, in parallel over the cores when large. */
    private void runInLanes(float[][] arrays, float[] scalars, float[] out) {
        jaxon.ops.Parallel.forChunks(out.length, (from, to) -> {
            Lanes lanes = new Lanes(nodes, arrays, scalars, runBuffers.get());
            for (int i = from; i < to; i += Lanes.RUN) {
                compute(lanes, i, Math.min(Lanes.RUN, to - i), out, i);
            }
        });
    }

    /** The values of elements [from, from + length) into out from o on. */
    private void compute(Lanes lanes, int from, int length, float[] out, int o) {
        lanes.from = from;
        lanes.length = length;
        if (lanes.invariant[0]) {
            Arrays.fill(out, o, o + length, expression.lanes(lanes)[0]);
        } else {
            expression.computeLanes(lanes, out, o); // the root writes straight into out
        }
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
