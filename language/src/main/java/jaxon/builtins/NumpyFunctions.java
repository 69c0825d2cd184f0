package jaxon.builtins;

import jaxon.ops.BinaryPrim;
import jaxon.ops.Convert;
import jaxon.ops.Creation;
import jaxon.ops.Elementwise;
import jaxon.ops.Indexing;
import jaxon.ops.LinAlg;
import jaxon.ops.Reductions;
import jaxon.ops.Reductions.Kind;
import jaxon.ops.ShapeOps;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.Builtin;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/** jax.numpy functions other than the elementwise primitives, with JAX's signatures. */
public final class NumpyFunctions {
    private NumpyFunctions() {
    }

    static NDArray arr(Object x) {
        return Convert.asArray(x);
    }

    static DType dtype(Object d) {
        return Convert.dtypeArg(d);
    }

    static boolean bool(Object b) {
        return PyObjects.isTrue(b);
    }

    static int integer(Object i) {
        return (int) PyObjects.toLong(i);
    }

    // ---- creation

    @Builtin("array(object, dtype=None, copy=True, order=None, ndmin=0)")
    public static Object array(Object object, Object dtype, Object copy, Object order, Object ndmin) {
        // jnp.array of a Python scalar stays weakly typed, as in JAX; lists give strong arrays.
        return ShapeOps.atLeast(Convert.asArray(object, dtype(dtype)), integer(ndmin));
    }

    @Builtin("asarray(a, dtype=None, order=None, copy=None)")
    public static Object asarray(Object a, Object dtype, Object order, Object copy) {
        return Convert.asArray(a, dtype(dtype));
    }

    @Builtin("zeros(shape, dtype=None)")
    public static Object zeros(Object shape, Object dtype) {
        return Creation.full(ShapeOps.shapeArg(shape), 0L, dtype(dtype) == null ? DType.FLOAT32 : dtype(dtype));
    }

    @Builtin("ones(shape, dtype=None)")
    public static Object ones(Object shape, Object dtype) {
        return Creation.full(ShapeOps.shapeArg(shape), 1L, dtype(dtype) == null ? DType.FLOAT32 : dtype(dtype));
    }

    @Builtin("empty(shape, dtype=None)")
    public static Object empty(Object shape, Object dtype) {
        return zeros(shape, dtype);
    }

    @Builtin("full(shape, fill_value, dtype=None)")
    public static Object full(Object shape, Object fill, Object dtype) {
        return Creation.full(ShapeOps.shapeArg(shape), fill, dtype(dtype));
    }

    @Builtin("zeros_like(a, dtype=None, shape=None)")
    public static Object zerosLike(Object a, Object dtype, Object shape) {
        return like(a, 0L, dtype, shape);
    }

    @Builtin("ones_like(a, dtype=None, shape=None)")
    public static Object onesLike(Object a, Object dtype, Object shape) {
        return like(a, 1L, dtype, shape);
    }

    @Builtin("empty_like(prototype, dtype=None, shape=None)")
    public static Object emptyLike(Object a, Object dtype, Object shape) {
        return like(a, 0L, dtype, shape);
    }

    @Builtin("full_like(a, fill_value, dtype=None, shape=None)")
    public static Object fullLike(Object a, Object fill, Object dtype, Object shape) {
        return like(a, fill, dtype, shape);
    }

    private static NDArray like(Object a, Object fill, Object dtype, Object shape) {
        NDArray x = arr(a);
        DType d = dtype(dtype) != null ? dtype(dtype) : x.dtype;
        NDArray r = Creation.full(shape == PNone.NONE ? x.shape : ShapeOps.shapeArg(shape), fill, d);
        return dtype == PNone.NONE && x.weakType ? new NDArray(r.dtype, r.shape, r.data, true) : r;
    }

    @Builtin("arange(start, stop=None, step=None, dtype=None)")
    public static Object arange(Object start, Object stop, Object step, Object dtype) {
        return Creation.arange(start, stop, step, dtype(dtype));
    }

    @Builtin("linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)")
    public static Object linspace(Object start, Object stop, Object num, Object endpoint, Object retstep, Object dtype, Object axis) {
        NDArray r = Creation.linspace(start, stop, integer(num), bool(endpoint), dtype(dtype));
        if (bool(retstep)) {
            int div = bool(endpoint) ? integer(num) - 1 : integer(num);
            return PTuple.of(r, NDArray.scalar((float) ((PyObjects.toDouble(stop) - PyObjects.toDouble(start)) / div)));
        }
        return r;
    }

    @Builtin("eye(N, M=None, k=0, dtype=None)")
    public static Object eye(Object n, Object m, Object k, Object dtype) {
        return Creation.eye(integer(n), m, integer(k), dtype(dtype));
    }

    @Builtin("identity(n, dtype=None)")
    public static Object identity(Object n, Object dtype) {
        return Creation.eye(integer(n), PNone.NONE, 0, dtype(dtype));
    }

    @Builtin("astype(x, dtype)")
    public static Object astype(Object x, Object dtype) {
        return Convert.cast(arr(x), dtype(dtype));
    }

    // ---- elementwise functions with extra parameters

    @Builtin("where(condition, x=None, y=None)")
    public static Object where(Object condition, Object x, Object y) {
        if (x == PNone.NONE && y == PNone.NONE) {
            return nonzero(condition);
        }
        return Elementwise.where(condition, x, y);
    }

    @Builtin("nonzero(a)")
    public static Object nonzero(Object a) {
        NDArray m = Convert.cast(arr(a), DType.BOOL);
        NDArray flatIdx = (NDArray) Indexing.getItem(Creation.arange((long) m.size(), PNone.NONE, PNone.NONE, null), m.withShape(new int[]{m.size()}));
        Object[] out = new Object[m.ndim()];
        int[] strides = Shapes.strides(m.shape);
        for (int d = 0; d < m.ndim(); d++) {
            int[] c = new int[flatIdx.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = (flatIdx.ints()[i] / strides[d]) % m.shape[d];
            }
            out[d] = NDArray.ofInts(new int[]{c.length}, c);
        }
        return new PTuple(out);
    }

    @Builtin("clip(arr=None, min=None, max=None, *, a=None, a_min=None, a_max=None)")
    public static Object clip(Object x, Object min, Object max, Object a, Object aMin, Object aMax) {
        return Elementwise.clip(x != PNone.NONE ? x : a, min != PNone.NONE ? min : aMin, max != PNone.NONE ? max : aMax);
    }

    @Builtin("round(a, decimals=0)")
    public static Object round(Object a, Object decimals) {
        int d = integer(decimals);
        if (d == 0) {
            return Elementwise.unary(UnaryPrim.ROUND, a);
        }
        NDArray x = arr(a);
        if (x.dtype != DType.FLOAT32) {
            return x;
        }
        float factor = (float) Math.pow(10, d);
        float inverse = 1f / factor; // XLA divides by the constant factor as a multiplication by its reciprocal
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.rint(x.floats()[i] * factor) * inverse;
        }
        return new NDArray(DType.FLOAT32, x.shape, out, x.weakType);
    }

    @Builtin("around(a, decimals=0)")
    public static Object around(Object a, Object decimals) {
        return round(a, decimals);
    }

    @Builtin("isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)")
    public static Object isclose(Object a, Object b, Object rtol, Object atol, Object equalNan) {
        NDArray x = Convert.cast(arr(a), DType.FLOAT32);
        NDArray y = Convert.cast(arr(b), DType.FLOAT32);
        NDArray diff = Elementwise.unary(UnaryPrim.ABS, Elementwise.binary(BinaryPrim.SUB, x, y));
        NDArray tol = Elementwise.binary(BinaryPrim.ADD, atol, Elementwise.binary(BinaryPrim.MUL, rtol, Elementwise.unary(UnaryPrim.ABS, y)));
        NDArray close = Elementwise.binary(BinaryPrim.LOGICAL_OR, Elementwise.binary(BinaryPrim.EQ, x, y), Elementwise.binary(BinaryPrim.LE, diff, tol));
        if (bool(equalNan)) {
            close = Elementwise.binary(BinaryPrim.LOGICAL_OR, close,
                    Elementwise.binary(BinaryPrim.LOGICAL_AND, Elementwise.unary(UnaryPrim.ISNAN, x), Elementwise.unary(UnaryPrim.ISNAN, y)));
        }
        return close;
    }

    @Builtin("allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)")
    public static Object allclose(Object a, Object b, Object rtol, Object atol, Object equalNan) {
        return Reductions.reduce(Kind.ALL, (NDArray) isclose(a, b, rtol, atol, equalNan), PNone.NONE, false, 0, null);
    }

    @Builtin("array_equal(a1, a2, equal_nan=False)")
    public static Object arrayEqual(Object a1, Object a2, Object equalNan) {
        NDArray x = arr(a1);
        NDArray y = arr(a2);
        if (!java.util.Arrays.equals(x.shape, y.shape)) {
            return Convert.scalar(false);
        }
        NDArray equal = Elementwise.binary(BinaryPrim.EQ, x, y);
        if (bool(equalNan)) {
            equal = Elementwise.binary(BinaryPrim.LOGICAL_OR, equal,
                    Elementwise.binary(BinaryPrim.LOGICAL_AND, Elementwise.unary(UnaryPrim.ISNAN, x), Elementwise.unary(UnaryPrim.ISNAN, y)));
        }
        return Reductions.reduce(Kind.ALL, equal, PNone.NONE, false, 0, null);
    }

    @Builtin("logaddexp(x1, x2)")
    public static Object logaddexp(Object x1, Object x2) {
        NDArray amax = Elementwise.binary(BinaryPrim.MAX, x1, x2);
        NDArray delta = Elementwise.unary(UnaryPrim.ABS, Elementwise.binary(BinaryPrim.SUB, x1, x2));
        return Elementwise.binary(BinaryPrim.ADD, amax, Elementwise.unary(UnaryPrim.LOG1P, Elementwise.unary(UnaryPrim.EXP, Elementwise.unary(UnaryPrim.NEG, delta))));
    }

    @Builtin("deg2rad(x)")
    public static Object deg2rad(Object x) {
        return Elementwise.binary(BinaryPrim.MUL, x, Math.PI / 180);
    }

    @Builtin("rad2deg(x)")
    public static Object rad2deg(Object x) {
        return Elementwise.binary(BinaryPrim.MUL, x, 180 / Math.PI);
    }

    // ---- reductions

    private static Object reduce(Kind kind, Object a, Object axis, Object keepdims, Object dtype) {
        return Reductions.reduce(kind, arr(a), axis, bool(keepdims), 0, dtype(dtype));
    }

    /**
     * a with the elements where the mask is false replaced by the reduction's identity (JAX
     * reduces where(mask, a, identity)); a itself without a mask.
     */
    private static Object masked(Object a, Object where, double identity) {
        if (where == PNone.NONE) {
            return a;
        }
        NDArray x = arr(a);
        return Elementwise.where(where, x, jaxon.ops.Creation.filled(new int[0], identity, x.dtype));
    }

    @Builtin("sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)")
    public static Object sum(Object a, Object axis, Object dtype, Object out, Object keepdims, Object initial, Object where) {
        Object r = reduce(Kind.SUM, masked(a, where, 0), axis, keepdims, dtype);
        return initial == PNone.NONE ? r : Elementwise.binary(BinaryPrim.ADD, r, initial);
    }

    @Builtin("prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)")
    public static Object prod(Object a, Object axis, Object dtype, Object out, Object keepdims, Object initial, Object where) {
        Object r = reduce(Kind.PROD, masked(a, where, 1), axis, keepdims, dtype);
        return initial == PNone.NONE ? r : Elementwise.binary(BinaryPrim.MUL, r, initial);
    }

    @Builtin("mean(a, axis=None, dtype=None, out=None, keepdims=False, where=None)")
    public static Object mean(Object a, Object axis, Object dtype, Object out, Object keepdims, Object where) {
        if (where == PNone.NONE) {
            return reduce(Kind.MEAN, a, axis, keepdims, dtype);
        }
        // JAX: the masked sum divided by the number of elements the mask keeps
        NDArray x = arr(a);
        Object count = reduce(Kind.SUM, jaxon.ops.Convert.cast(ShapeOps.broadcastTo(arr(where), x.shape), DType.FLOAT32), axis, keepdims, PNone.NONE);
        Object total = reduce(Kind.SUM, masked(jaxon.ops.Convert.cast(x, x.dtype == DType.FLOAT32 ? x.dtype : DType.FLOAT32), where, 0), axis, keepdims, dtype);
        return Elementwise.binary(BinaryPrim.DIV, total, count);
    }

    @Builtin("var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False)")
    public static Object var(Object a, Object axis, Object dtype, Object out, Object ddof, Object keepdims) {
        return Reductions.reduce(Kind.VAR, arr(a), axis, bool(keepdims), integer(ddof), dtype(dtype));
    }

    @Builtin("std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False)")
    public static Object std(Object a, Object axis, Object dtype, Object out, Object ddof, Object keepdims) {
        return Reductions.reduce(Kind.STD, arr(a), axis, bool(keepdims), integer(ddof), dtype(dtype));
    }

    @Builtin("max(a, axis=None, out=None, keepdims=False, initial=None, where=None)")
    public static Object max(Object a, Object axis, Object out, Object keepdims, Object initial, Object where) {
        return extremum(Kind.MAX, BinaryPrim.MAX, a, axis, keepdims, initial, where);
    }

    @Builtin("amax(a, axis=None, out=None, keepdims=False, initial=None, where=None)")
    public static Object amax(Object a, Object axis, Object out, Object keepdims, Object initial, Object where) {
        return max(a, axis, out, keepdims, initial, where);
    }

    @Builtin("min(a, axis=None, out=None, keepdims=False, initial=None, where=None)")
    public static Object min(Object a, Object axis, Object out, Object keepdims, Object initial, Object where) {
        return extremum(Kind.MIN, BinaryPrim.MIN, a, axis, keepdims, initial, where);
    }

    @Builtin("amin(a, axis=None, out=None, keepdims=False, initial=None, where=None)")
    public static Object amin(Object a, Object axis, Object out, Object keepdims, Object initial, Object where) {
        return min(a, axis, out, keepdims, initial, where);
    }

    /** max or min with JAX's initial (folded in after the reduction) and where (which needs initial: no identity). */
    private static Object extremum(Kind kind, BinaryPrim fold, Object a, Object axis, Object keepdims, Object initial, Object where) {
        if (where != PNone.NONE && initial == PNone.NONE) {
            throw Errors.valueError("reduction operation " + (kind == Kind.MAX ? "max" : "min")
                    + " does not have an identity, so to use a where mask one has to specify 'initial'");
        }
        NDArray x = arr(a);
        double identity = x.dtype == DType.FLOAT32 ? (kind == Kind.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : x.dtype == DType.INT32 ? (kind == Kind.MAX ? Integer.MIN_VALUE : Integer.MAX_VALUE)
                : x.dtype == DType.UINT32 ? (kind == Kind.MAX ? 0 : 4294967295.0) : (kind == Kind.MAX ? 0 : 1);
        Object r = reduce(kind, masked(x, where, identity), axis, keepdims, PNone.NONE);
        return initial == PNone.NONE ? r : Elementwise.binary(fold, r, initial);
    }

    @Builtin("argmax(a, axis=None, out=None, keepdims=None)")
    public static Object argmax(Object a, Object axis, Object out, Object keepdims) {
        return argExtreme(Kind.ARGMAX, a, axis, keepdims);
    }

    @Builtin("argmin(a, axis=None, out=None, keepdims=None)")
    public static Object argmin(Object a, Object axis, Object out, Object keepdims) {
        return argExtreme(Kind.ARGMIN, a, axis, keepdims);
    }

    private static Object argExtreme(Kind kind, Object a, Object axis, Object keepdims) {
        NDArray x = arr(a);
        if (axis == PNone.NONE) {
            NDArray r = Reductions.reduce(kind, x.withShape(new int[]{x.size()}), 0L, false, 0, null);
            return bool(keepdims) ? r.withShape(ones(x.ndim())) : r;
        }
        return Reductions.reduce(kind, x, axis, bool(keepdims), 0, null);
    }

    private static int[] ones(int n) {
        int[] s = new int[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    @Builtin("all(a, axis=None, out=None, keepdims=False, where=None)")
    public static Object all(Object a, Object axis, Object out, Object keepdims, Object where) {
        return reduce(Kind.ALL, where == PNone.NONE ? a : Elementwise.where(where, a, true), axis, keepdims, PNone.NONE);
    }

    @Builtin("any(a, axis=None, out=None, keepdims=False, where=None)")
    public static Object any(Object a, Object axis, Object out, Object keepdims, Object where) {
        return reduce(Kind.ANY, where == PNone.NONE ? a : Elementwise.where(where, a, false), axis, keepdims, PNone.NONE);
    }

    @Builtin("cumsum(a, axis=None, dtype=None)")
    public static Object cumsum(Object a, Object axis, Object dtype) {
        return Reductions.cumulative(arr(a), axis, false, dtype(dtype));
    }

    @Builtin("cumprod(a, axis=None, dtype=None)")
    public static Object cumprod(Object a, Object axis, Object dtype) {
        return Reductions.cumulative(arr(a), axis, true, dtype(dtype));
    }

    // ---- shapes

    @Builtin("shape(a)")
    public static Object shape(Object a) {
        return Shapes.toTuple(arr(a).shape);
    }

    @Builtin("ndim(a)")
    public static Object ndim(Object a) {
        return (long) arr(a).ndim();
    }

    @Builtin("size(a, axis=None)")
    public static Object size(Object a, Object axis) {
        NDArray x = arr(a);
        return axis == PNone.NONE ? (long) x.size() : (long) x.shape[Shapes.axis(integer(axis), x.ndim())];
    }

    @Builtin("reshape(a, shape)")
    public static Object reshape(Object a, Object shape) {
        return ShapeOps.reshape(arr(a), ShapeOps.shapeArg(shape));
    }

    @Builtin("ravel(a)")
    public static Object ravel(Object a) {
        NDArray x = arr(a);
        return x.withShape(new int[]{x.size()});
    }

    @Builtin("transpose(a, axes=None)")
    public static Object transpose(Object a, Object axes) {
        return ShapeOps.transpose(arr(a), axes);
    }

    @Builtin("permute_dims(a, axes=None)")
    public static Object permuteDims(Object a, Object axes) {
        return transpose(a, axes);
    }

    @Builtin("expand_dims(a, axis)")
    public static Object expandDims(Object a, Object axis) {
        return ShapeOps.expandDims(arr(a), axis);
    }

    @Builtin("squeeze(a, axis=None)")
    public static Object squeeze(Object a, Object axis) {
        return ShapeOps.squeeze(arr(a), axis);
    }

    @Builtin("swapaxes(a, axis1, axis2)")
    public static Object swapaxes(Object a, Object axis1, Object axis2) {
        return ShapeOps.swapaxes(arr(a), integer(axis1), integer(axis2));
    }

    /** An int or a sequence of ints as an array of axes. */
    private static int[] axisList(Object axes) {
        if (axes instanceof PTuple || axes instanceof PList) {
            Object[] items = jaxon.runtime.Iteration.toArray(axes);
            int[] out = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                out[i] = integer(items[i]);
            }
            return out;
        }
        return new int[]{integer(axes)};
    }

    @Builtin("moveaxis(a, source, destination)")
    public static Object moveaxis(Object a, Object source, Object destination) {
        return ShapeOps.moveaxis(arr(a), axisList(source), axisList(destination));
    }

    @Builtin("stack(arrays, axis=0)")
    public static Object stack(Object arrays, Object axis) {
        return ShapeOps.stack(ShapeOps.arrays(arrays), axis);
    }

    @Builtin("concatenate(arrays, axis=0)")
    public static Object concatenate(Object arrays, Object axis) {
        return ShapeOps.concatenate(ShapeOps.arrays(arrays), axis);
    }

    @Builtin("hstack(tup)")
    public static Object hstack(Object tup) {
        NDArray[] arrays = atLeast(ShapeOps.arrays(tup), 1);
        return ShapeOps.concatenate(arrays, arrays[0].ndim() == 1 ? 0L : 1L);
    }

    @Builtin("vstack(tup)")
    public static Object vstack(Object tup) {
        return ShapeOps.concatenate(atLeast(ShapeOps.arrays(tup), 2), 0L);
    }

    @Builtin("column_stack(tup)")
    public static Object columnStack(Object tup) {
        NDArray[] arrays = ShapeOps.arrays(tup);
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i].ndim() < 2) {
                arrays[i] = arrays[i].withShape(new int[]{arrays[i].size(), 1});
            }
        }
        return ShapeOps.concatenate(arrays, 1L);
    }

    private static NDArray[] atLeast(NDArray[] arrays, int rank) {
        NDArray[] out = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = ShapeOps.atLeast(arrays[i], rank);
        }
        return out;
    }

    @Builtin("atleast_1d(*arys)")
    public static Object atleast1d(Object arys) {
        return atLeastResult((PTuple) arys, 1);
    }

    @Builtin("atleast_2d(*arys)")
    public static Object atleast2d(Object arys) {
        return atLeastResult((PTuple) arys, 2);
    }

    private static Object atLeastResult(PTuple arys, int rank) {
        NDArray[] r = atLeast(ShapeOps.arrays(arys), rank);
        return r.length == 1 ? r[0] : PList.of((Object[]) r);
    }

    @Builtin("split(ary, indices_or_sections, axis=0)")
    public static Object split(Object ary, Object sections, Object axis) {
        return PList.of((Object[]) ShapeOps.split(arr(ary), sections, axis));
    }

    @Builtin("tile(A, reps)")
    public static Object tile(Object a, Object reps) {
        return ShapeOps.tile(arr(a), ShapeOps.shapeArg(reps));
    }

    @Builtin("repeat(a, repeats, axis=None, total_repeat_length=None)")
    public static Object repeat(Object a, Object repeats, Object axis, Object total) {
        return ShapeOps.repeat(arr(a), repeats, axis);
    }

    @Builtin("broadcast_to(array, shape)")
    public static Object broadcastTo(Object array, Object shape) {
        return ShapeOps.broadcastTo(arr(array), ShapeOps.shapeArg(shape));
    }

    @Builtin("flip(m, axis=None)")
    public static Object flip(Object m, Object axis) {
        return ShapeOps.flip(arr(m), axis);
    }

    @Builtin("fliplr(m)")
    public static Object fliplr(Object m) {
        return ShapeOps.flip(arr(m), 1L);
    }

    @Builtin("flipud(m)")
    public static Object flipud(Object m) {
        return ShapeOps.flip(arr(m), 0L);
    }

    /** jnp.take: out-of-range indices give NaN for floats (JAX's default "fill" mode). */
    @Builtin("take(a, indices, axis=None, mode=None, fill_value=None)")
    public static Object take(Object a, Object indices, Object axis, Object mode, Object fillValue) {
        NDArray x = arr(a);
        if (axis == PNone.NONE) {
            x = x.withShape(new int[]{x.size()});
            axis = 0L;
        }
        int ax = Shapes.axis(integer(axis), x.ndim());
        NDArray idx = Convert.asArray(indices);
        int size = x.shape[ax];
        boolean[] outOfRange = new boolean[idx.size()];
        int[] clamped = new int[idx.size()];
        for (int i = 0; i < clamped.length; i++) {
            long v = idx.getLong(i);
            v = v < 0 ? v + size : v;
            outOfRange[i] = v < 0 || v >= size;
            clamped[i] = (int) Math.max(0, Math.min(size - 1, v));
        }
        Object[] index = new Object[ax + 1];
        for (int d = 0; d < ax; d++) {
            index[d] = new jaxon.runtime.PSlice(PNone.NONE, PNone.NONE, PNone.NONE);
        }
        index[ax] = NDArray.ofInts(idx.shape, clamped);
        NDArray r = Indexing.getItem(x, new PTuple(index));
        boolean any = false;
        for (boolean b : outOfRange) {
            any |= b;
        }
        if (!any || "clip".equals(mode)) {
            return r;
        }
        Object fill = fillValue != PNone.NONE ? fillValue : x.dtype == DType.FLOAT32 ? (Object) Double.NaN : x.dtype == DType.BOOL ? (Object) true
                : (Object) (long) Integer.MIN_VALUE;
        NDArray mask = NDArray.ofBools(idx.shape, outOfRange);
        int[] maskShape = new int[r.ndim()];
        java.util.Arrays.fill(maskShape, 1);
        System.arraycopy(idx.shape, 0, maskShape, ax, idx.ndim());
        return Elementwise.where(mask.withShape(maskShape), Convert.cast(Convert.asArray(fill), x.dtype), r);
    }

    // ---- products

    @Builtin("dot(a, b)")
    public static Object dot(Object a, Object b) {
        return LinAlg.dot(arr(a), arr(b));
    }

    @Builtin("matmul(a, b)")
    public static Object matmul(Object a, Object b) {
        return LinAlg.matmul(arr(a), arr(b));
    }

    @Builtin("outer(a, b)")
    public static Object outer(Object a, Object b) {
        return LinAlg.outer(arr(a), arr(b));
    }

    @Builtin("inner(a, b)")
    public static Object inner(Object a, Object b) {
        return LinAlg.inner(arr(a), arr(b));
    }

    @Builtin("vdot(a, b)")
    public static Object vdot(Object a, Object b) {
        NDArray x = arr(a);
        NDArray y = arr(b);
        return LinAlg.dot(x.withShape(new int[]{x.size()}), y.withShape(new int[]{y.size()}));
    }

    @Builtin("einsum(subscripts, *operands)")
    public static Object einsum(Object subscripts, Object operands) {
        Object[] ops = ((PTuple) operands).items();
        NDArray[] arrays = new NDArray[ops.length];
        for (int i = 0; i < ops.length; i++) {
            arrays[i] = arr(ops[i]);
        }
        if (arrays.length == 0) {
            throw Errors.valueError("No input operands");
        }
        return LinAlg.einsum((String) subscripts, arrays);
    }

    @Builtin("trace(a, offset=0)")
    public static Object trace(Object a, Object offset) {
        return LinAlg.trace(arr(a), integer(offset));
    }

    @Builtin("diag(v, k=0)")
    public static Object diag(Object v, Object k) {
        NDArray x = arr(v);
        int off = integer(k);
        if (x.ndim() == 1) {
            int n = x.size() + Math.abs(off);
            NDArray z = Creation.full(new int[]{n, n}, 0L, x.dtype);
            PList rows = new PList();
            PList cols = new PList();
            for (int i = 0; i < x.size(); i++) {
                rows.items.add((long) (off >= 0 ? i : i - off));
                cols.items.add((long) (off >= 0 ? i + off : i));
            }
            return Indexing.update(z, PTuple.of(rows, cols), x, Indexing.UpdateOp.SET);
        }
        PList rows = new PList();
        PList cols = new PList();
        for (int i = 0; i < x.shape[0]; i++) {
            int j = i + off;
            if (j >= 0 && j < x.shape[1]) {
                rows.items.add((long) i);
                cols.items.add((long) j);
            }
        }
        return Indexing.getItem(x, PTuple.of(rows, cols));
    }

    @Builtin("sort(a, axis=-1, kind=None, order=None, stable=True, descending=False)")
    public static Object sort(Object a, Object axis, Object kind, Object order, Object stable, Object descending) {
        NDArray x = flatWhenNoAxis(Convert.asArray(a), axis);
        int ax = axis == PNone.NONE ? 0 : Shapes.axis((int) PyObjects.toLong(axis), x.ndim());
        NDArray sorted = jaxon.ops.Sorting.sort(x, ax);
        return PyObjects.isTrue(descending) ? jaxon.ops.ShapeOps.flip(sorted, (long) ax) : sorted;
    }

    /** sort and argsort with axis=None work on the flattened array. */
    private static NDArray flatWhenNoAxis(NDArray x, Object axis) {
        return axis == PNone.NONE ? x.withShape(new int[]{x.size()}) : x;
    }

    @Builtin("argsort(a, axis=-1, kind=None, order=None, stable=True, descending=False)")
    public static Object argsort(Object a, Object axis, Object kind, Object order, Object stable, Object descending) {
        NDArray x = flatWhenNoAxis(Convert.asArray(a), axis);
        int ax = axis == PNone.NONE ? 0 : Shapes.axis((int) PyObjects.toLong(axis), x.ndim());
        return jaxon.ops.Sorting.argsort(x, ax, PyObjects.isTrue(descending));
    }

    @Builtin("searchsorted(a, v, side='left', sorter=None, method='scan')")
    public static Object searchsorted(Object a, Object v, Object side, Object sorter, Object method) {
        return jaxon.ops.Sorting.searchsorted(Convert.asArray(a), Convert.asArray(v), "right".equals(side));
    }

    /** The abstract dtype categories of jnp.issubdtype (jnp.floating, jnp.integer, ...) and the dtypes in each. */
    public static final java.util.Map<String, java.util.Set<DType>> CATEGORIES = java.util.Map.of(
            "number", java.util.Set.of(DType.INT32, DType.UINT32, DType.FLOAT32),
            "inexact", java.util.Set.of(DType.FLOAT32),
            "floating", java.util.Set.of(DType.FLOAT32),
            "integer", java.util.Set.of(DType.INT32, DType.UINT32),
            "signedinteger", java.util.Set.of(DType.INT32),
            "unsignedinteger", java.util.Set.of(DType.UINT32),
            "generic", java.util.Set.of(DType.values()));

    /** A dtype category such as jnp.floating. */
    public record Category(String name) implements jaxon.runtime.PyValue {
        @Override
        public String typeName() {
            return "type";
        }

        @Override
        public String repr() {
            return "<class 'numpy." + name + "'>";
        }
    }

    private static DType dtypeOf(Object x) {
        if (x instanceof NDArray a) {
            return a.dtype;
        }
        if (PyObjects.isNumber(x)) {
            return Convert.scalar(x).dtype;
        }
        return Convert.dtypeArg(x);
    }

    @Builtin("dtype(obj)")
    public static Object dtypeOfValue(Object obj) {
        return dtypeOf(obj);
    }

    @Builtin("issubdtype(arg1, arg2)")
    public static Object issubdtype(Object arg1, Object arg2) {
        DType d = dtypeOf(arg1);
        if (arg2 instanceof Category c) {
            return CATEGORIES.get(c.name()).contains(d);
        }
        return d == dtypeOf(arg2);
    }

    @Builtin("result_type(*args)")
    public static Object resultType(Object args) {
        jaxon.ops.Promotion.Type t = null;
        for (Object a : ((PTuple) args).items()) {
            NDArray x = a instanceof NDArray || PyObjects.isNumber(a) ? Convert.asArray(a) : NDArray.zeros(Convert.dtypeArg(a), new int[0]);
            t = t == null ? new jaxon.ops.Promotion.Type(x.dtype, x.weakType) : jaxon.ops.Promotion.result(t.dtype(), t.weak(), x.dtype, x.weakType);
        }
        if (t == null) {
            throw Errors.valueError("at least one array or dtype is required");
        }
        return t.dtype();
    }

    @Builtin("finfo(dtype)")
    public static Object finfo(Object dtype) {
        DType d = dtypeOf(dtype);
        if (d != DType.FLOAT32) {
            throw Errors.valueError("data type " + d + " not inexact");
        }
        return new jaxon.runtime.PNamespace("finfo(resolution=1e-06, min=-3.4028235e+38, max=3.4028235e+38, dtype=float32)")
                .with("eps", NDArray.scalar(Math.ulp(1f)).strong()).with("max", NDArray.scalar(Float.MAX_VALUE).strong())
                .with("min", NDArray.scalar(-Float.MAX_VALUE).strong()).with("tiny", NDArray.scalar(Float.MIN_NORMAL).strong())
                .with("smallest_normal", NDArray.scalar(Float.MIN_NORMAL).strong()).with("resolution", NDArray.scalar(1e-6f).strong())
                .with("epsneg", NDArray.scalar(Math.ulp(1f) / 2).strong()).with("bits", 32L).with("nmant", 23L).with("dtype", d);
    }

    @Builtin("iinfo(int_type)")
    public static Object iinfo(Object intType) {
        DType d = dtypeOf(intType);
        long min = d == DType.UINT32 ? 0 : Integer.MIN_VALUE;
        long max = d == DType.UINT32 ? 4294967295L : Integer.MAX_VALUE;
        if (!d.isInteger()) {
            throw Errors.valueError("Invalid integer data type '" + d + "'.");
        }
        return new jaxon.runtime.PNamespace("iinfo(min=" + min + ", max=" + max + ", dtype=" + d + ")")
                .with("min", min).with("max", max).with("bits", 32L).with("dtype", d);
    }
}
