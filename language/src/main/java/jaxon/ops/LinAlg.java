package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import java.util.stream.IntStream;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PNone;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/** Products and norms: matmul (blocked, multi-core), dot, outer, inner, einsum, norm, trace. */
public final class LinAlg {
    private LinAlg() {
    }

    /** a @ b with NumPy's rules: 1-d operands are promoted and the added axis removed; leading axes broadcast. */
    @TruffleBoundary
    public static NDArray matmul(NDArray a, NDArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            throw Errors.valueError("matmul: inputs must have at least one dimension, got " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + ".");
        }
        Promotion.Type t = Promotion.result(a, b);
        boolean aVec = a.ndim() == 1;
        boolean bVec = b.ndim() == 1;
        NDArray a2 = aVec ? a.withShape(new int[]{1, a.shape[0]}) : a;
        NDArray b2 = bVec ? b.withShape(new int[]{b.shape[0], 1}) : b;
        int m = a2.shape[a2.ndim() - 2];
        int k = a2.shape[a2.ndim() - 1];
        int k2 = b2.shape[b2.ndim() - 2];
        int n = b2.shape[b2.ndim() - 1];
        if (k != k2) {
            throw Errors.typeError("dot_general requires contracting dimensions to have the same shape, got (" + k + ",) and (" + k2 + ",).");
        }
        int[] batchA = Arrays.copyOf(a2.shape, a2.ndim() - 2);
        int[] batchB = Arrays.copyOf(b2.shape, b2.ndim() - 2);
        int[] batch = Elementwise.broadcastShapes("dot_general", batchA, batchB);
        int batches = Shapes.size(batch);
        int[] ia = Elementwise.Broadcast.table(batchA, batch);
        int[] ib = Elementwise.Broadcast.table(batchB, batch);
        DType d = t.dtype();
        NDArray ca = Convert.cast(a2, d == DType.BOOL ? DType.INT32 : d);
        NDArray cb = Convert.cast(b2, d == DType.BOOL ? DType.INT32 : d);
        int[] outShape = new int[batch.length + 2];
        System.arraycopy(batch, 0, outShape, 0, batch.length);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        NDArray out;
        if (d == DType.FLOAT32) {
            float[] r = new float[batches * m * n];
            matmulFloatBatched(ca.floats(), ia, cb.floats(), ib, r, batchA, batchB, batch, m, k, n);
            out = new NDArray(DType.FLOAT32, outShape, r, t.weak());
        } else {
            int[] r = new int[batches * m * n];
            int[] x = ca.ints();
            int[] y = cb.ints();
            for (int p = 0; p < batches; p++) {
                for (int i = 0; i < m; i++) {
                    for (int q = 0; q < k; q++) {
                        int av = x[ia[p] * m * k + i * k + q];
                        for (int j = 0; j < n; j++) {
                            r[p * m * n + i * n + j] += av * y[ib[p] * k * n + q * n + j];
                        }
                    }
                }
            }
            out = new NDArray(d == DType.BOOL ? DType.INT32 : d, outShape, r, t.weak());
        }
        if (aVec || bVec) {
            int[] s = new int[outShape.length - (aVec ? 1 : 0) - (bVec ? 1 : 0)];
            System.arraycopy(batch, 0, s, 0, batch.length);
            int pos = batch.length;
            if (!aVec) {
                s[pos++] = m;
            }
            if (!bVec) {
                s[pos] = n;
            }
            out = out.withShape(s);
        }
        return out;
    }

    /**
     * The float32 products of a (possibly batched) matmul, each element summed in XLA's order
     * (XlaMatmul). jnp.matmul makes a batch axis that only one operand has (or where the other has
     * size 1) a free axis of that operand, so XLA sees one larger product: lhs-only axes multiply m,
     * rhs-only axes multiply n, and the summation plan is the one for that larger shape. Axes both
     * operands have are dot_general batch axes; each batch element then follows the rule for its own
     * (m, k, n) (our reading of XLA for small batched dots, not checked against JAX).
     */
    private static void matmulFloatBatched(float[] a, int[] ia, float[] b, int[] ib, float[] r, int[] batchA, int[] batchB, int[] batch,
                    int m, int k, int n) {
        int batches = Shapes.size(batch);
        long mFactor = 1;
        long nFactor = 1;
        for (int d = 0; d < batch.length; d++) {
            int da = d - (batch.length - batchA.length);
            int db = d - (batch.length - batchB.length);
            int sa = da >= 0 ? batchA[da] : 1;
            int sb = db >= 0 ? batchB[db] : 1;
            if (sa > 1 && sb == 1) {
                mFactor *= sa;
            } else if (sb > 1 && sa == 1) {
                nFactor *= sb;
            }
        }
        long mx = m * mFactor;
        long nx = n * nFactor;
        if (mx == 1 && nx == 1) { // (batched) vector . vector: XLA rewrites it to reduce(multiply), see XlaSum.dot
            boolean ynn = XlaSum.usesYnn((long) batches * k, batches);
            for (int p = 0; p < batches; p++) {
                r[p] = XlaSum.dot(a, ia[p] * k, 1, b, ib[p] * k, 1, k, ynn);
            }
            return;
        }
        XlaMatmul.Plan plan = XlaMatmul.plan((int) Math.min(mx, Integer.MAX_VALUE), k, (int) Math.min(nx, Integer.MAX_VALUE));
        if (mFactor == batches && batches > 1) { // every batch axis is a row axis: one (batches*m, k) @ (k, n) product
            matmulFloat(a, 0, b, 0, r, 0, batches * m, k, n, plan);
            return;
        }
        for (int p = 0; p < batches; p++) {
            matmulFloat(a, ia[p] * m * k, b, ib[p] * k * n, r, p * m * n, m, k, n, plan);
        }
    }

    /**
     * C[m,n] = A[m,k] B[k,n] in float32, each element's products added in the order of {@code plan}
     * (see XlaMatmul): rows of C are split across cores; a column vector takes one dot per row.
     */
    static void matmulFloat(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n, XlaMatmul.Plan plan) {
        if (n == 1 && plan.sequential()) { // matrix times vector: one FMA chain per row
            rowDots(a, aOff, m, b, bOff, k, c, cOff);
            return;
        }
        XlaMatmul.multiply(a, aOff, b, bOff, c, cOff, m, k, n, plan);
    }

    /** jnp.dot: scalars multiply; 1-d and 2-d as matmul; n-d with 1-d contracts the last axis; otherwise NumPy's rule. */
    @TruffleBoundary
    public static NDArray dot(NDArray a, NDArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            return Elementwise.binary(BinaryPrim.MUL, a, b);
        }
        if (b.ndim() <= 2) {
            return matmul(a, b);
        }
        // dot(a, b)[i..., j...] = sum(a[i..., :] * b[j..., :, k]): move b's contracted axis first.
        NDArray bt = ShapeOps.moveaxis(b, -2, 0);
        int kdim = bt.shape[0];
        NDArray b2 = bt.withShape(new int[]{kdim, bt.size() / kdim});
        NDArray r = matmul(a, b2);
        int[] shape = new int[a.ndim() - 1 + b.ndim() - 1];
        System.arraycopy(a.shape, 0, shape, 0, a.ndim() - 1);
        System.arraycopy(bt.shape, 1, shape, a.ndim() - 1, b.ndim() - 1);
        return r.withShape(shape);
    }

    @TruffleBoundary
    public static NDArray outer(NDArray a, NDArray b) {
        NDArray x = a.withShape(new int[]{a.size(), 1});
        NDArray y = b.withShape(new int[]{1, b.size()});
        return Elementwise.binary(BinaryPrim.MUL, x, y);
    }

    @TruffleBoundary
    public static NDArray inner(NDArray a, NDArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            return Elementwise.binary(BinaryPrim.MUL, a, b);
        }
        return dot(a, b.ndim() == 1 ? b : ShapeOps.moveaxis(b, -1, -2));
    }

    /**
     * einsum for one or two operands with explicit or implicit output: a general evaluator over
     * the index space, with plain matrix products routed to matmul.
     */
    @TruffleBoundary
    /**
     * An einsum of three or more operands as two-operand contractions from the left, as
     * opt_einsum's path does for a chain; each intermediate keeps the labels that a later operand
     * or the output still needs.
     */
    private static NDArray einsumPairwise(String[] inputs, String output, NDArray[] operands) {
        NDArray acc = operands[0];
        String labels = inputs[0];
        for (int i = 1; i < operands.length; i++) {
            String needed = output + String.join("", Arrays.copyOfRange(inputs, i + 1, inputs.length));
            StringBuilder keep = new StringBuilder();
            if (i == operands.length - 1) {
                keep.append(output);
            } else {
                (labels + inputs[i]).chars().distinct().filter(c -> needed.indexOf(c) >= 0).forEach(c -> keep.append((char) c));
            }
            acc = einsum(labels + "," + inputs[i] + "->" + keep, new NDArray[]{acc, operands[i]});
            labels = keep.toString();
        }
        return acc;
    }

    public static NDArray einsum(String subscripts, NDArray[] operands) {
        String spec = subscripts.replace(" ", "");
        String[] io = spec.split("->", -1);
        String[] inputs = io[0].split(",", -1);
        if (inputs.length != operands.length) {
            throw Errors.valueError("einsum: " + inputs.length + " operand subscripts for " + operands.length + " operands");
        }
        String output;
        if (io.length == 2) {
            output = io[1];
        } else {
            StringBuilder sb = new StringBuilder();
            String all = String.join("", inputs);
            all.chars().sorted().distinct().forEach(c -> {
                if (all.indexOf(c) == all.lastIndexOf(c)) {
                    sb.append((char) c);
                }
            });
            output = sb.toString();
        }
        if (operands.length > 2) {
            return einsumPairwise(inputs, output, operands);
        }
        if (operands.length == 2 && inputs[0].length() == 2 && inputs[1].length() == 2 && output.length() == 2
                && inputs[0].charAt(1) == inputs[1].charAt(0) && inputs[0].charAt(0) == output.charAt(0)
                && inputs[1].charAt(1) == output.charAt(1) && inputs[0].charAt(0) != inputs[0].charAt(1)
                && inputs[1].charAt(0) != inputs[1].charAt(1) && output.charAt(0) != output.charAt(1)) {
            return matmul(operands[0], operands[1]);
        }
        // Sizes of every label.
        int[] size = new int[128];
        Arrays.fill(size, -1);
        for (int o = 0; o < operands.length; o++) {
            if (inputs[o].length() != operands[o].ndim()) {
                throw Errors.valueError("einsum: subscripts '" + inputs[o] + "' do not match operand " + o + " of shape " + Shapes.str(operands[o].shape));
            }
            for (int d = 0; d < inputs[o].length(); d++) {
                char c = inputs[o].charAt(d);
                int s = operands[o].shape[d];
                if (size[c] >= 0 && size[c] != s && size[c] != 1 && s != 1) {
                    throw Errors.valueError("einsum: size of label '" + c + "' differs between operands: " + size[c] + " and " + s);
                }
                size[c] = Math.max(size[c], s);
            }
        }
        String labels = (output + String.join("", inputs)).chars().distinct()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int[] outShape = new int[output.length()];
        for (int d = 0; d < output.length(); d++) {
            outShape[d] = size[output.charAt(d)];
        }
        Promotion.Type t = operands.length == 2 ? Promotion.result(operands[0], operands[1]) : new Promotion.Type(operands[0].dtype, operands[0].weakType);
        DType d = t.dtype() == DType.BOOL ? DType.INT32 : t.dtype();
        int nl = labels.length();
        int[] dims = new int[nl];
        for (int i = 0; i < nl; i++) {
            dims[i] = size[labels.charAt(i)];
        }
        int[][] strides = new int[operands.length][nl];
        for (int o = 0; o < operands.length; o++) {
            int[] s = Shapes.strides(operands[o].shape);
            for (int dd = 0; dd < inputs[o].length(); dd++) {
                if (operands[o].shape[dd] != 1) {
                    strides[o][labels.indexOf(inputs[o].charAt(dd))] += s[dd];
                }
            }
        }
        int outSize = Shapes.size(outShape);
        double[] acc = new double[outSize];
        int total = Shapes.size(dims);
        int[] counter = new int[nl];
        int[] outStrides = Shapes.strides(outShape);
        for (int e = 0; e < total; e++) {
            int op = 0;
            for (int i = 0; i < output.length(); i++) {
                op += counter[i] * outStrides[i];
            }
            double v = 1;
            for (int o = 0; o < operands.length; o++) {
                int p = 0;
                for (int i = 0; i < nl; i++) {
                    p += counter[i] * strides[o][i];
                }
                v *= operands[o].getDouble(p);
            }
            acc[op] += v;
            for (int i = nl - 1; i >= 0; i--) {
                if (++counter[i] < dims[i]) {
                    break;
                }
                counter[i] = 0;
            }
        }
        Object data = d.allocate(outSize);
        for (int i = 0; i < outSize; i++) {
            if (d == DType.FLOAT32) {
                ((float[]) data)[i] = (float) acc[i];
            } else {
                ((int[]) data)[i] = (int) (long) acc[i];
            }
        }
        return new NDArray(d, outShape, data, t.weak());
    }

    /** jnp.linalg.norm for vectors (ord None/2, 1, inf, -inf, 0, p) and matrices ('fro', 1, -1, inf, -inf). */
    @TruffleBoundary
    public static NDArray norm(NDArray x, Object ord, Object axis, boolean keepdims) {
        NDArray f = Convert.cast(x, DType.FLOAT32);
        int[] axes = Reductions.axes(axis, f.ndim());
        if (axis == PNone.NONE && (ord == PNone.NONE || "fro".equals(ord))) {
            return sqrtSumSquares(f, PNone.NONE, keepdims);
        }
        if (axes.length == 1) {
            Object ax = (long) axes[0];
            double p = ord == PNone.NONE ? 2 : PyObjects.toDouble(ord);
            NDArray abs = Elementwise.unary(UnaryPrim.ABS, f);
            if (p == 2) {
                return sqrtSumSquares(f, ax, keepdims);
            } else if (p == Double.POSITIVE_INFINITY) {
                return Reductions.reduce(Reductions.Kind.MAX, abs, ax, keepdims, 0, null);
            } else if (p == Double.NEGATIVE_INFINITY) {
                return Reductions.reduce(Reductions.Kind.MIN, abs, ax, keepdims, 0, null);
            } else if (p == 0) {
                NDArray nz = Convert.cast(Elementwise.binary(BinaryPrim.NE, f, 0.0), DType.FLOAT32);
                return Reductions.reduce(Reductions.Kind.SUM, nz, ax, keepdims, 0, null);
            } else if (p == 1) {
                return Reductions.reduce(Reductions.Kind.SUM, abs, ax, keepdims, 0, null);
            }
            NDArray pow = Elementwise.binary(BinaryPrim.POW, abs, p);
            return Elementwise.binary(BinaryPrim.POW, Reductions.reduce(Reductions.Kind.SUM, pow, ax, keepdims, 0, null), 1.0 / p);
        }
        if (axes.length == 2) {
            NDArray abs = Elementwise.unary(UnaryPrim.ABS, f);
            if (ord == PNone.NONE || "fro".equals(ord)) {
                return sqrtSumSquares(f, jaxon.runtime.PTuple.of((long) axes[0], (long) axes[1]), keepdims);
            }
            double p = PyObjects.toDouble(ord);
            // 1/-1: max/min over columns of the column sums; inf/-inf: the same over rows.
            int sumAxis = Math.abs(p) == 1 ? axes[0] : axes[1];
            int otherAxis = Math.abs(p) == 1 ? axes[1] : axes[0];
            NDArray sums = Reductions.reduce(Reductions.Kind.SUM, abs, (long) sumAxis, true, 0, null);
            NDArray r = Reductions.reduce(p > 0 ? Reductions.Kind.MAX : Reductions.Kind.MIN, sums, (long) otherAxis, true, 0, null);
            return keepdims ? r : ShapeOps.squeeze(r, jaxon.runtime.PTuple.of((long) axes[0], (long) axes[1]));
        }
        throw Errors.valueError("Improper number of axes for norm: axis=" + PyObjects.repr(axis) + ". Pass one axis to compute a vector-norm, or two axes to compute a matrix-norm.");
    }

    private static NDArray sqrtSumSquares(NDArray f, Object axis, boolean keepdims) {
        // XLA fuses the square into the reduce: FMA for short sums (Reductions.sumOfSquares).
        return Elementwise.unary(UnaryPrim.SQRT, Reductions.sumOfSquares(f, axis, keepdims));
    }

    @TruffleBoundary
    public static NDArray trace(NDArray a, int offset) {
        if (a.ndim() != 2) {
            throw Errors.valueError("trace requires a 2-D array here");
        }
        double s = 0;
        for (int i = 0; i < a.shape[0]; i++) {
            int j = i + offset;
            if (j >= 0 && j < a.shape[1]) {
                s += a.getDouble(i * a.shape[1] + j);
            }
        }
        DType d = a.dtype == DType.BOOL ? DType.INT32 : a.dtype;
        return d == DType.FLOAT32 ? NDArray.scalar((float) s) : new NDArray(d, new int[0], new int[]{(int) (long) s});
    }

    /**
     * An LU factorization with partial pivoting of a square matrix, in float32 in LAPACK's getrf
     * order (the column below a pivot scaled by the pivot's reciprocal), so that solve, inv and
     * det round as JAX's do.
     */
    private record Lu(float[] lu, int[] pivots, int n, int sign) {
        static Lu of(NDArray a) {
            if (a.ndim() != 2 || a.shape[0] != a.shape[1]) {
                throw Errors.valueError("Argument to linalg function must be a square matrix (2-d), got shape " + Shapes.str(a.shape));
            }
            int n = a.shape[0];
            float[] m = Convert.cast(a, DType.FLOAT32).floats().clone();
            int[] piv = new int[n];
            int sign = 1;
            for (int i = 0; i < n; i++) {
                piv[i] = i;
            }
            for (int c = 0; c < n; c++) {
                int p = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) {
                        p = r;
                    }
                }
                if (p != c) {
                    for (int k = 0; k < n; k++) {
                        float t = m[c * n + k];
                        m[c * n + k] = m[p * n + k];
                        m[p * n + k] = t;
                    }
                    int t = piv[c];
                    piv[c] = piv[p];
                    piv[p] = t;
                    sign = -sign;
                }
                float d = m[c * n + c];
                if (d != 0) {
                    float inverse = 1f / d;
                    for (int r = c + 1; r < n; r++) {
                        float f = m[r * n + c] * inverse;
                        m[r * n + c] = f;
                        for (int k = c + 1; k < n; k++) {
                            m[r * n + k] -= f * m[c * n + k];
                        }
                    }
                }
            }
            return new Lu(m, piv, n, sign);
        }

        /** Solves A x = b for one right-hand side (b in the original row order). */
        float[] solve(float[] b) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                float s = b[pivots[i]];
                for (int k = 0; k < i; k++) {
                    s -= lu[i * n + k] * x[k];
                }
                x[i] = s;
            }
            for (int i = n - 1; i >= 0; i--) {
                float s = x[i];
                for (int k = i + 1; k < n; k++) {
                    s -= lu[i * n + k] * x[k];
                }
                x[i] = s / lu[i * n + i]; // a singular matrix gives inf/nan, as in JAX
            }
            return x;
        }
    }

    @TruffleBoundary
    public static NDArray det(NDArray a) {
        Lu f = Lu.of(a);
        float d = f.sign();
        for (int i = 0; i < f.n(); i++) {
            d *= f.lu()[i * f.n() + i];
        }
        return NDArray.ofFloats(new int[0], new float[]{d});
    }

    /** solve(a, b) for b of shape (n,) or (n, k); inv(a) is solve(a, I). */
    @TruffleBoundary
    public static NDArray solve(NDArray a, NDArray b) {
        Lu f = Lu.of(a);
        int n = f.n();
        int cols = b.ndim() == 1 ? 1 : b.shape[1];
        if (b.shape[0] != n) {
            throw Errors.valueError("solve: incompatible shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
        }
        float[] out = new float[n * cols];
        float[] rhs = new float[n];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < n; r++) {
                rhs[r] = b.getFloat(r * cols + c);
            }
            float[] x = f.solve(rhs);
            for (int r = 0; r < n; r++) {
                out[r * cols + c] = x[r];
            }
        }
        return NDArray.ofFloats(b.ndim() == 1 ? new int[]{n} : new int[]{n, cols}, out);
    }

    /**
     * a @ b.T for row-major float32 matrices a (m, k) and b (n, k): one dot product of two
     * contiguous rows per element, no transposed copy (a batch of matrix-vector products).
     */
    @TruffleBoundary
    public static NDArray matmulTransposed(NDArray a, NDArray b) {
        int m = a.shape[0];
        int k = a.shape[1];
        int n = b.shape[0];
        if (b.shape[1] != k) {
            throw Errors.typeError("dot_general requires contracting dimensions to have the same shape, got (" + k + ",) and (" + b.shape[1] + ",).");
        }
        float[] x = Convert.cast(a, DType.FLOAT32).floats();
        float[] y = Convert.cast(b, DType.FLOAT32).floats();
        float[] out = new float[m * n];
        if (m == 1 && n == 1) {
            out[0] = XlaSum.dot(x, 0, 1, y, 0, 1, k, XlaSum.usesYnn(k, 1));
            return NDArray.ofFloats(new int[]{m, n}, out);
        }
        // vmap of (matrix b) @ (vector a[i]): JAX's batching rule makes the batch axis a free axis,
        // so XLA computes the one product b @ a.T of shape (n, m) and each element is summed in
        // that product's order.
        XlaMatmul.Plan plan = XlaMatmul.plan(n, k, m);
        if (plan.sequential()) {
            for (int i = 0; i < m; i++) {
                rowDots(y, 0, n, x, i * k, k, out, i * n);
            }
        } else {
            IntStream range = IntStream.range(0, m);
            if ((long) m * k * n >= 1L << 18) {
                range = range.parallel();
            }
            range.forEach(i -> {
                float[] lanes = new float[8];
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    XlaMatmul.dots4(x, i * k, y, j * k, k, plan, lanes, out, i * n + j);
                }
                for (; j < n; j++) {
                    out[i * n + j] = XlaMatmul.dot(x, i * k, y, j * k, k, plan, lanes);
                }
            });
        }
        return NDArray.ofFloats(new int[]{m, n}, out);
    }

    /**
     * out[outOff + r] = dot(rows[rowsOff + r*k ...], v[vOff ...]) for r < count as XLA's own dot loop
     * computes a matrix-vector product: one FMA chain from 0 in order q = 0, 1, ... Four rows at a
     * time, so that four independent chains are in flight.
     */
    private static void rowDots(float[] rows, int rowsOff, int count, float[] v, int vOff, int k, float[] out, int outOff) {
        int r = 0;
        for (; r + 4 <= count; r += 4) {
            int r0 = rowsOff + r * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int q = 0; q < k; q++) {
                float vq = v[vOff + q];
                s0 = Math.fma(rows[r0 + q], vq, s0);
                s1 = Math.fma(rows[r1 + q], vq, s1);
                s2 = Math.fma(rows[r2 + q], vq, s2);
                s3 = Math.fma(rows[r3 + q], vq, s3);
            }
            out[outOff + r] = s0;
            out[outOff + r + 1] = s1;
            out[outOff + r + 2] = s2;
            out[outOff + r + 3] = s3;
        }
        for (; r < count; r++) {
            int ro = rowsOff + r * k;
            float sum = 0;
            for (int q = 0; q < k; q++) {
                sum = Math.fma(rows[ro + q], v[vOff + q], sum);
            }
            out[outOff + r] = sum;
        }
    }
}
