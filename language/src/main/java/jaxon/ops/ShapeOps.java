package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.NDArray;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/** Shape manipulation: reshape, transpose, stacking, splitting, tiling, flipping, broadcasting. */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** A shape argument: an int or a sequence of ints. */
    public static int[] shapeArg(Object shape) {
        if (shape instanceof PTuple || shape instanceof PList) {
            Object[] items = Iteration.toArray(shape);
            int[] out = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                out[i] = (int) PyObjects.toLong(items[i] instanceof NDArray a ? a.getPython(0) : items[i]);
            }
            return out;
        }
        return new int[]{(int) PyObjects.toLong(shape instanceof NDArray a ? a.getPython(0) : shape)};
    }

    /** For a permutation of the axes, the flat source index of each element of the permuted array. */
    static int[] permutedIndices(int[] shape, int[] perm) {
        int rank = shape.length;
        int[] strides = Shapes.strides(shape);
        int[] newShape = new int[rank];
        int[] newStrides = new int[rank];
        for (int d = 0; d < rank; d++) {
            newShape[d] = shape[perm[d]];
            newStrides[d] = strides[perm[d]];
        }
        int n = Shapes.size(shape);
        int[] idx = new int[n];
        int[] counter = new int[rank];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            idx[i] = pos;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                pos += newStrides[d];
                if (counter[d] < newShape[d]) {
                    break;
                }
                pos -= newStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return idx;
    }

    /** A new array holding a's elements at the given flat indices, with the given shape. */
    static NDArray gather(NDArray a, int[] indices, int[] shape) {
        int n = indices.length;
        Object out = a.dtype.allocate(n);
        switch (a.dtype) {
            case FLOAT32 -> {
                float[] src = a.floats();
                float[] dst = (float[]) out;
                for (int i = 0; i < n; i++) {
                    dst[i] = src[indices[i]];
                }
            }
            case INT32, UINT32 -> {
                int[] src = a.ints();
                int[] dst = (int[]) out;
                for (int i = 0; i < n; i++) {
                    dst[i] = src[indices[i]];
                }
            }
            case BOOL -> {
                boolean[] src = a.bools();
                boolean[] dst = (boolean[]) out;
                for (int i = 0; i < n; i++) {
                    dst[i] = src[indices[i]];
                }
            }
        }
        return new NDArray(a.dtype, shape, out, a.weakType);
    }

    @TruffleBoundary
    public static NDArray reshape(NDArray a, int[] shape) {
        int[] s = shape.clone();
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) {
                    throw Errors.valueError("can only specify one unknown dimension");
                }
                unknown = i;
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0 && known != 0 && a.size() % known == 0) {
            s[unknown] = a.size() / known;
        }
        if (Shapes.size(s) != a.size() || unknown >= 0 && known == 0) {
            throw Errors.typeError("cannot reshape array of shape " + Shapes.str(a.shape) + " (size " + a.size() + ") into shape "
                    + Shapes.str(shape) + " (size " + Shapes.size(shape) + ")");
        }
        return a.withShape(s);
    }

    @TruffleBoundary
    public static NDArray transpose(NDArray a, Object axes) {
        int rank = a.ndim();
        int[] perm = new int[rank];
        if (axes == null || axes == PNone.NONE) {
            for (int d = 0; d < rank; d++) {
                perm[d] = rank - 1 - d;
            }
        } else {
            int[] given = shapeArg(axes);
            if (given.length != rank) {
                throw Errors.valueError("axes don't match array");
            }
            boolean[] seen = new boolean[rank];
            for (int d = 0; d < rank; d++) {
                perm[d] = Shapes.axis(given[d], rank);
                if (seen[perm[d]]) {
                    throw Errors.typeError("transpose permutation isn't a permutation of operand dimensions, got permutation "
                            + Shapes.str(given) + " for operand shape " + Shapes.str(a.shape) + ".");
                }
                seen[perm[d]] = true;
            }
        }
        return permute(a, perm);
    }

    static NDArray permute(NDArray a, int[] perm) {
        int[] shape = new int[perm.length];
        boolean identity = true;
        for (int d = 0; d < perm.length; d++) {
            shape[d] = a.shape[perm[d]];
            identity &= perm[d] == d;
        }
        if (identity) {
            return a;
        }
        if (perm.length == 2 && a.dtype == jaxon.runtime.DType.FLOAT32) {
            return new NDArray(a.dtype, shape, transpose2d(a.floats(), a.shape[0], a.shape[1]), a.weakType);
        }
        return gather(a, permutedIndices(a.shape, perm), shape);
    }

    /** The transpose of an m x n matrix, in tiles that stay in cache. */
    private static float[] transpose2d(float[] src, int m, int n) {
        float[] dst = new float[src.length];
        final int tile = 32;
        for (int i0 = 0; i0 < m; i0 += tile) {
            int i1 = Math.min(m, i0 + tile);
            for (int j0 = 0; j0 < n; j0 += tile) {
                int j1 = Math.min(n, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        dst[j * m + i] = src[i * n + j];
                    }
                }
            }
        }
        return dst;
    }

    public static NDArray swapaxes(NDArray a, int axis1, int axis2) {
        int[] perm = identity(a.ndim());
        int x = Shapes.axis(axis1, a.ndim());
        int y = Shapes.axis(axis2, a.ndim());
        perm[x] = y;
        perm[y] = x;
        return permute(a, perm);
    }

    public static NDArray moveaxis(NDArray a, int source, int destination) {
        return moveaxis(a, new int[]{source}, new int[]{destination});
    }

    /** The axes source moved to the positions destination, the others keeping their order. */
    public static NDArray moveaxis(NDArray a, int[] source, int[] destination) {
        if (source.length != destination.length) {
            throw Errors.valueError("Inconsistent number of elements: " + source.length + " vs " + destination.length);
        }
        int rank = a.ndim();
        int[][] moves = new int[source.length][];
        java.util.Set<Integer> moved = new java.util.HashSet<>();
        for (int i = 0; i < source.length; i++) {
            moves[i] = new int[]{Shapes.axis(destination[i], rank), Shapes.axis(source[i], rank)};
            moved.add(moves[i][1]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!moved.contains(i)) {
                order.add(i);
            }
        }
        java.util.Arrays.sort(moves, (x, y) -> Integer.compare(x[0], y[0]));
        for (int[] m : moves) {
            order.add(m[0], m[1]);
        }
        return permute(a, order.stream().mapToInt(Integer::intValue).toArray());
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    public static NDArray expandDims(NDArray a, Object axis) {
        int[] axes = shapeArg(axis);
        int rank = a.ndim() + axes.length;
        boolean[] isNew = new boolean[rank];
        for (int ax : axes) {
            isNew[Shapes.axis(ax, rank)] = true;
        }
        int[] shape = new int[rank];
        for (int d = 0, k = 0; d < rank; d++) {
            shape[d] = isNew[d] ? 1 : a.shape[k++];
        }
        return a.withShape(shape);
    }

    public static NDArray squeeze(NDArray a, Object axis) {
        boolean[] drop = new boolean[a.ndim()];
        if (axis == null || axis == PNone.NONE) {
            for (int d = 0; d < a.ndim(); d++) {
                drop[d] = a.shape[d] == 1;
            }
        } else {
            int[] axes = shapeArg(axis);
            for (int ax : axes) {
                int d = Shapes.axis(ax, a.ndim());
                if (a.shape[d] != 1) {
                    throw Errors.valueError("cannot select an axis to squeeze out which has size not equal to one, got shape="
                            + Shapes.str(a.shape) + " and dimensions=" + Shapes.str(axes));
                }
                drop[d] = true;
            }
        }
        int[] shape = new int[a.ndim()];
        int k = 0;
        for (int d = 0; d < a.ndim(); d++) {
            if (!drop[d]) {
                shape[k++] = a.shape[d];
            }
        }
        return a.withShape(Arrays.copyOf(shape, k));
    }

    /** Arrays from a sequence argument (list or tuple of arrays or scalars). */
    public static NDArray[] arrays(Object seq) {
        Object[] items = seq instanceof NDArray a ? rows(a) : Iteration.toArray(seq);
        NDArray[] out = new NDArray[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = Convert.asArray(items[i]);
        }
        return out;
    }

    private static Object[] rows(NDArray a) {
        Object[] r = new Object[a.shape[0]];
        for (int i = 0; i < r.length; i++) {
            r[i] = Iteration.row(a, i);
        }
        return r;
    }

    static Promotion.Type promoteAll(NDArray[] arrays) {
        Promotion.Type t = new Promotion.Type(arrays[0].dtype, arrays[0].weakType);
        for (int i = 1; i < arrays.length; i++) {
            t = Promotion.result(t.dtype(), t.weak(), arrays[i].dtype, arrays[i].weakType);
        }
        return t;
    }

    @TruffleBoundary
    public static NDArray concatenate(NDArray[] arrays, Object axisArg) {
        if (arrays.length == 0) {
            throw Errors.valueError("Need at least one array to concatenate.");
        }
        if (axisArg == PNone.NONE) {
            NDArray[] flat = new NDArray[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                flat[i] = arrays[i].withShape(new int[]{arrays[i].size()});
            }
            return concatenate(flat, 0L);
        }
        int rank = arrays[0].ndim();
        if (rank == 0) {
            throw Errors.valueError("Zero-dimensional arrays cannot be concatenated.");
        }
        int axis = Shapes.axis((int) PyObjects.toLong(axisArg), rank);
        Promotion.Type t = promoteAll(arrays);
        int total = 0;
        for (NDArray a : arrays) {
            if (a.ndim() != rank) {
                throw Errors.valueError("Cannot concatenate arrays with different numbers of dimensions: got "
                        + Arrays.stream(arrays).map(x -> Shapes.str(x.shape)).reduce((x, y) -> x + ", " + y).get() + ".");
            }
            for (int d = 0; d < rank; d++) {
                if (d != axis && a.shape[d] != arrays[0].shape[d]) {
                    throw Errors.typeError("Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: "
                            + "concatenating along dimension " + axis + " for shapes "
                            + Arrays.stream(arrays).map(x -> Shapes.str(x.shape)).reduce((x, y) -> x + ", " + y).get() + ".");
                }
            }
            total += a.shape[axis];
        }
        int[] shape = arrays[0].shape.clone();
        shape[axis] = total;
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= shape[d];
        }
        Object out = t.dtype().allocate(Shapes.size(shape));
        int pos = 0;
        NDArray[] cast = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            cast[i] = Convert.cast(arrays[i], t.dtype());
        }
        for (int o = 0; o < outer; o++) {
            for (NDArray a : cast) {
                int chunk = a.shape[axis] * inner;
                System.arraycopy(a.data, o * chunk, out, pos, chunk);
                pos += chunk;
            }
        }
        return new NDArray(t.dtype(), shape, out, t.weak());
    }

    @TruffleBoundary
    public static NDArray stack(NDArray[] arrays, Object axisArg) {
        if (arrays.length == 0) {
            throw Errors.valueError("Need at least one array to stack.");
        }
        for (NDArray a : arrays) {
            if (!Arrays.equals(a.shape, arrays[0].shape)) {
                StringBuilder shapes = new StringBuilder();
                for (NDArray b : arrays) {
                    shapes.append(shapes.length() == 0 ? "" : ", ").append(Shapes.str(b.shape));
                }
                throw Errors.valueError("All input arrays must have the same shape. Got " + shapes + ".");
            }
        }
        int axis = Shapes.axis((int) PyObjects.toLong(axisArg), arrays[0].ndim() + 1);
        NDArray[] expanded = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            expanded[i] = expandDims(arrays[i], (long) axis);
        }
        return concatenate(expanded, (long) axis);
    }

    public static NDArray atLeast(NDArray a, int rank) {
        if (a.ndim() >= rank) {
            return a;
        }
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        if (rank == 2 && a.ndim() == 1) {
            shape[1] = a.shape[0];
        } else if (a.ndim() == 1) {
            shape[rank - 1] = a.shape[0];
        }
        return a.withShape(shape);
    }

    @TruffleBoundary
    public static NDArray[] split(NDArray a, Object sections, Object axisArg) {
        int axis = Shapes.axis((int) PyObjects.toLong(axisArg), a.ndim());
        int len = a.shape[axis];
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        if (sections instanceof Long || sections instanceof Boolean) {
            int n = (int) PyObjects.toLong(sections);
            if (n <= 0 || len % n != 0) {
                throw Errors.valueError("array split does not result in an equal division" + (n > 0 ? ": rest is " + len % n : ""));
            }
            for (int i = 1; i <= n; i++) {
                bounds.add(i * len / n);
            }
        } else {
            for (int b : shapeArg(sections)) {
                bounds.add(Math.min(Math.max(b < 0 ? b + len : b, 0), len));
            }
            bounds.add(len);
        }
        NDArray[] out = new NDArray[bounds.size() - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = sliceAxis(a, axis, bounds.get(i), Math.max(bounds.get(i), bounds.get(i + 1)));
        }
        return out;
    }

    /** a[..., start:stop, ...] along one axis. */
    static NDArray sliceAxis(NDArray a, int axis, int start, int stop) {
        int[] shape = a.shape.clone();
        shape[axis] = stop - start;
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= a.shape[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < a.ndim(); d++) {
            inner *= a.shape[d];
        }
        Object out = a.dtype.allocate(Shapes.size(shape));
        int chunk = (stop - start) * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(a.data, (o * a.shape[axis] + start) * inner, out, o * chunk, chunk);
        }
        return new NDArray(a.dtype, shape, out, a.weakType);
    }

    @TruffleBoundary
    public static NDArray broadcastTo(NDArray a, int[] shape) {
        int[] result = Shapes.broadcast(a.shape, shape);
        if (result == null || !Arrays.equals(result, shape)) {
            throw Errors.valueError("Incompatible types for broadcasting: input type=" + a.dtype.jaxName + Shapes.dims(a.shape)
                    + " and requested type=" + a.dtype.jaxName + Shapes.dims(shape));
        }
        if (Arrays.equals(a.shape, shape)) {
            return a;
        }
        if (isTrailingBlock(a.shape, shape)) { // a scalar or a row repeated: copies, no index table
            int m = a.size();
            int n = Shapes.size(shape);
            Object out = a.dtype.allocate(n);
            if (n > 0) {
                System.arraycopy(a.data, 0, out, 0, m);
                for (int filled = m; filled < n; filled *= 2) {
                    System.arraycopy(out, 0, out, filled, Math.min(filled, n - filled));
                }
            }
            return new NDArray(a.dtype, shape, out, a.weakType);
        }
        return gather(a, Elementwise.Broadcast.table(a.shape, shape), shape);
    }

    /** Whether a's elements, leading 1s aside, are the trailing dimensions of out (so out is a repeated). */
    private static boolean isTrailingBlock(int[] a, int[] out) {
        int lead = 0;
        while (lead < a.length && a[lead] == 1) {
            lead++;
        }
        int k = a.length - lead;
        return Arrays.equals(a, lead, a.length, out, out.length - k, out.length) && Shapes.size(a) > 0;
    }

    @TruffleBoundary
    public static NDArray tile(NDArray a, int[] reps) {
        int rank = Math.max(a.ndim(), reps.length);
        int[] src = new int[rank];
        int[] r = new int[rank];
        Arrays.fill(src, 1);
        Arrays.fill(r, 1);
        System.arraycopy(a.shape, 0, src, rank - a.ndim(), a.ndim());
        System.arraycopy(reps, 0, r, rank - reps.length, reps.length);
        NDArray b = a.withShape(src);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = src[d] * r[d];
        }
        int n = Shapes.size(shape);
        int[] idx = new int[n];
        int[] srcStrides = Shapes.strides(src);
        int[] counter = new int[rank];
        for (int i = 0; i < n; i++) {
            int p = 0;
            for (int d = 0; d < rank; d++) {
                p += (counter[d] % src[d]) * srcStrides[d];
            }
            idx[i] = p;
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < shape[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        return gather(b, idx, shape);
    }

    @TruffleBoundary
    public static NDArray repeat(NDArray a, Object repeats, Object axisArg) {
        if (axisArg == PNone.NONE) {
            a = a.withShape(new int[]{a.size()});
            axisArg = 0L;
        }
        int axis = Shapes.axis((int) PyObjects.toLong(axisArg), a.ndim());
        int len = a.shape[axis];
        int[] counts = new int[len];
        if (repeats instanceof NDArray || repeats instanceof PList || repeats instanceof PTuple) {
            int[] given = shapeArg(repeats instanceof NDArray r ? ArrayOf.list(r) : repeats);
            if (given.length == 1) {
                Arrays.fill(counts, given[0]);
            } else if (given.length == len) {
                counts = given;
            } else {
                throw Errors.valueError("repeats has length " + given.length + ", but the array has " + len + " entries along axis " + axis);
            }
        } else {
            Arrays.fill(counts, (int) PyObjects.toLong(repeats));
        }
        List<NDArray> parts = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            NDArray slice = sliceAxis(a, axis, i, i + 1);
            for (int k = 0; k < counts[i]; k++) {
                parts.add(slice);
            }
        }
        if (parts.isEmpty()) {
            int[] shape = a.shape.clone();
            shape[axis] = 0;
            return NDArray.zeros(a.dtype, shape);
        }
        return concatenate(parts.toArray(new NDArray[0]), (long) axis);
    }

    @TruffleBoundary
    public static NDArray flip(NDArray a, Object axisArg) {
        int[] axes = Reductions.axes(axisArg, a.ndim());
        boolean[] flipped = new boolean[a.ndim()];
        for (int d : axes) {
            flipped[d] = true;
        }
        int n = a.size();
        int[] idx = new int[n];
        int[] strides = Shapes.strides(a.shape);
        int[] counter = new int[a.ndim()];
        for (int i = 0; i < n; i++) {
            int p = 0;
            for (int d = 0; d < a.ndim(); d++) {
                p += (flipped[d] ? a.shape[d] - 1 - counter[d] : counter[d]) * strides[d];
            }
            idx[i] = p;
            for (int d = a.ndim() - 1; d >= 0; d--) {
                if (++counter[d] < a.shape[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        return gather(a, idx, a.shape);
    }

    /** Helpers for turning arrays back into Python sequences. */
    static final class ArrayOf {
        private ArrayOf() {
        }

        static PList list(NDArray a) {
            PList out = new PList();
            for (int i = 0; i < a.size(); i++) {
                out.items.add(a.getPython(i));
            }
            return out;
        }
    }
}
