package jaxon.builtins;

import java.util.Arrays;
import jaxon.ops.BinaryPrim;
import jaxon.ops.Convert;
import jaxon.ops.Creation;
import jaxon.ops.Elementwise;
import jaxon.ops.RandomKernels;
import jaxon.ops.Reductions;
import jaxon.ops.ShapeOps;
import jaxon.ops.Threefry;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.Builtin;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PRNGKeyArray;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/**
 * jax.random: keys, splitting and the samplers, with JAX's signatures, defaults, checks and
 * error wording. Keys are raw (uint32 arrays ending in 2, from PRNGKey) or typed (from key());
 * functions return keys of the kind they were given.
 */
public final class RandomModule {
    private RandomModule() {
    }

    private static final float FLOAT32_TINY = Float.MIN_NORMAL;

    /** One key: its two words and whether it came as a typed key. */
    private record Key(int k0, int k1, boolean typed) {
        int[] bits(int n) {
            return Threefry.bits(k0, k1, n, partitionable());
        }

        /** split(key, 2), as the samplers that need two keys do it. */
        Key[] split2() {
            int[] words = Threefry.split(k0, k1, 2, partitionable());
            return new Key[]{new Key(words[0], words[1], typed), new Key(words[2], words[3], typed)};
        }
    }

    private static boolean partitionable() {
        return PyObjects.isTrue(JaxModule.flag("jax_threefry_partitionable"));
    }

    // ---- keys -----------------------------------------------------------------------------------

    @Builtin("PRNGKey(seed, impl=None)")
    public static Object prngKey(Object seed, Object impl) {
        return keyArray(Threefry.seed(seedValue("PRNGKey", seed)), new int[0], false);
    }

    @Builtin("key(seed, impl=None, dtype=None)")
    public static Object key(Object seed, Object impl, Object dtype) {
        return keyArray(Threefry.seed(seedValue("key", seed)), new int[0], true);
    }

    @Builtin("key_data(keys)")
    public static Object keyData(Object keys) {
        return keyWords("key_data", keys);
    }

    @Builtin("wrap_key_data(key_bits_array, impl=None, dtype=None)")
    public static Object wrapKeyData(Object bits, Object impl, Object dtype) {
        return new PRNGKeyArray(checkKeyData(Convert.asArray(bits)));
    }

    @Builtin("key_impl(keys)")
    public static Object keyImpl(Object keys) {
        keyWords("key_impl", keys);
        return "threefry2x32";
    }

    @Builtin("split(key, num=2)")
    public static Object split(Object key, Object num) {
        Key k = singleKey("split", key);
        int[] shape = num instanceof PTuple || num instanceof PList ? ShapeOps.shapeArg(num) : new int[]{(int) PyObjects.toLong(num)};
        return keyArray(Threefry.split(k.k0, k.k1, Shapes.size(shape), partitionable()), shape, k.typed);
    }

    @Builtin("fold_in(key, data)")
    public static Object foldIn(Object key, Object data) {
        Key k = singleKey("fold_in", key);
        NDArray d = Convert.asArray(data);
        if (d.ndim() != 0) {
            throw Errors.typeError("fold_in accepts a scalar, but was given an array ofshape " + Shapes.str(d.shape) + " != (). Use jax.vmap for batching.");
        }
        return keyArray(Threefry.foldIn(k.k0, k.k1, (int) d.getLong(0)), new int[0], k.typed);
    }

    @Builtin("bits(key, shape=(), dtype=None)")
    public static Object bits(Object key, Object shape, Object dtype) {
        Key k = singleKey("bits", key);
        DType d = Convert.dtypeArg(dtype);
        if (d != null && d != DType.UINT32) {
            throw Errors.valueError("dtype argument to `bits` must be an unsigned int dtype, got " + d);
        }
        int[] s = canonicalShape(shape);
        return new NDArray(DType.UINT32, s, k.bits(Shapes.size(s)));
    }

    // ---- continuous samplers --------------------------------------------------------------------

    @Builtin("uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0)")
    public static Object uniform(Object key, Object shape, Object dtype, Object minval, Object maxval) {
        Key k = singleKey("uniform", key);
        floatDtype("uniform", dtype, "a float dtype");
        return uniform(k, canonicalShape(shape), minval, maxval);
    }

    /** max(minval, u * (maxval - minval) + minval) with the bounds cast to float32. */
    private static NDArray uniform(Key k, int[] shape, Object minval, Object maxval) {
        NDArray lo = Convert.asArray(minval, DType.FLOAT32);
        NDArray hi = Convert.asArray(maxval, DType.FLOAT32);
        int[] bits = k.bits(Shapes.size(shape));
        if (lo.ndim() == 0 && hi.ndim() == 0) {
            return NDArray.ofFloats(shape, RandomKernels.uniform(bits, lo.floats()[0], hi.floats()[0]));
        }
        int[] full = Shapes.broadcast(shape, Shapes.broadcast(lo.shape, hi.shape));
        if (full == null || !Arrays.equals(full, shape)) {
            throw Errors.typeError("reshape total size must be unchanged, got new_sizes=" + Shapes.str(shape) + " for shape "
                    + Shapes.str(full == null ? Shapes.broadcast(lo.shape, hi.shape) : full) + ".");
        }
        float[] low = ShapeOps.broadcastTo(lo, shape).floats();
        float[] span = ShapeOps.broadcastTo(Elementwise.binary(BinaryPrim.SUB, hi, lo), shape).floats();
        float[] u = RandomKernels.unitFloats(bits);
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.max(low[i], Math.fma(u[i], span[i], low[i])); // fused as in the scalar case (RandomKernels.uniform)
        }
        return NDArray.ofFloats(shape, u);
    }

    @Builtin("normal(key, shape=(), dtype=None)")
    public static Object normal(Object key, Object shape, Object dtype) {
        Key k = singleKey("normal", key);
        floatDtype("normal", dtype, "a float or complex dtype");
        int[] s = canonicalShape(shape);
        return NDArray.ofFloats(s, RandomKernels.normal(k.bits(Shapes.size(s))));
    }

    @Builtin("truncated_normal(key, lower, upper, shape=None, dtype=None)")
    public static Object truncatedNormal(Object key, Object lower, Object upper, Object shape, Object dtype) {
        Key k = singleKey("truncated_normal", key);
        floatDtype("truncated_normal", dtype, "a float dtype");
        NDArray lo = Convert.asArray(lower, DType.FLOAT32);
        NDArray hi = Convert.asArray(upper, DType.FLOAT32);
        int[] s = shape == PNone.NONE ? Shapes.broadcast(lo.shape, hi.shape) : checkShape("truncated_normal", canonicalShape(shape), lo.shape, hi.shape);
        NDArray sqrt2 = NDArray.scalar((float) Math.sqrt(2)).strong();
        NDArray a = Elementwise.unary(UnaryPrim.ERF, Elementwise.binary(BinaryPrim.DIV, lo, sqrt2));
        NDArray b = Elementwise.unary(UnaryPrim.ERF, Elementwise.binary(BinaryPrim.DIV, hi, sqrt2));
        NDArray u = uniform(k, s, a, b);
        NDArray loB = ShapeOps.broadcastTo(lo, s);
        NDArray hiB = ShapeOps.broadcastTo(hi, s);
        float[] out = new float[Shapes.size(s)];
        for (int i = 0; i < out.length; i++) {
            float x = RandomKernels.scaledErfInv(u.floats()[i]);
            float min = Math.nextUp(loB.getFloat(i));
            float max = Math.nextDown(hiB.getFloat(i));
            out[i] = Math.min(Math.max(x, min), max);
        }
        return NDArray.ofFloats(s, out);
    }

    @Builtin("exponential(key, shape=(), dtype=None)")
    public static Object exponential(Object key, Object shape, Object dtype) {
        Key k = singleKey("exponential", key);
        floatDtype("exponential", dtype, "a float dtype");
        float[] u = uniform(k, canonicalShape(shape), 0.0, 1.0).floats();
        float[] out = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = -log1p(-u[i]);
        }
        return NDArray.ofFloats(canonicalShape(shape), out);
    }

    @Builtin("laplace(key, shape=(), dtype=None)")
    public static Object laplace(Object key, Object shape, Object dtype) {
        Key k = singleKey("laplace", key);
        floatDtype("laplace", dtype, "a float dtype");
        int[] s = canonicalShape(shape);
        float[] u = uniform(k, s, (double) (-1f + 0x1p-24f), 1.0).floats();
        float[] out = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = Math.signum(u[i]) * log1p(-Math.abs(u[i]));
        }
        return NDArray.ofFloats(s, out);
    }

    @Builtin("logistic(key, shape=(), dtype=None)")
    public static Object logistic(Object key, Object shape, Object dtype) {
        Key k = singleKey("logistic", key);
        floatDtype("logistic", dtype, "a float dtype");
        int[] s = canonicalShape(shape);
        float[] x = uniform(k, s, (double) FLOAT32_TINY, 1.0).floats();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = log(x[i]) - log1p(-x[i]);
        }
        return NDArray.ofFloats(s, out);
    }

    @Builtin("gumbel(key, shape=(), dtype=None, mode=None)")
    public static Object gumbel(Object key, Object shape, Object dtype, Object mode) {
        Key k = singleKey("gumbel", key);
        floatDtype("gumbel", dtype, "a float dtype");
        return gumbel(k, canonicalShape(shape), mode);
    }

    /** Gumbel samples: -log(-log(u)) ("low" mode) or the higher-resolution "high" mode. */
    private static NDArray gumbel(Key k, int[] shape, Object mode) {
        String m = mode == PNone.NONE ? "low" : PyObjects.str(mode);
        float[] out;
        switch (m) {
            case "low" -> {
                float[] u = uniform(k, shape, (double) FLOAT32_TINY, 1.0).floats();
                out = new float[u.length];
                for (int i = 0; i < u.length; i++) {
                    out[i] = -log(-log(u[i]));
                }
            }
            case "high" -> {
                int n = Shapes.size(shape);
                float[] u = uniform(k, prepend(2, shape), 0.0, 1.0).floats();
                out = new float[n];
                float floor = Math.max(0x1p-47f, FLOAT32_TINY);
                for (int i = 0; i < n; i++) {
                    float high = u[i];
                    float x = high >= 0.5f ? high : high + 0x1p-23f * u[n + i] + floor;
                    out[i] = -log(-log1p(-x));
                }
            }
            case "highest" -> throw Errors.notImplemented("gumbel mode 'highest'");
            default -> throw Errors.valueError("Must provide valid mode for gumbel got: " + m);
        }
        return NDArray.ofFloats(shape, out);
    }

    // ---- discrete samplers ----------------------------------------------------------------------

    @Builtin("randint(key, shape, minval, maxval, dtype=None)")
    public static Object randint(Object key, Object shape, Object minval, Object maxval, Object dtype) {
        Key k = singleKey("randint", key);
        DType d = Convert.dtypeArg(dtype);
        if (d != null && d != DType.INT32) {
            throw Errors.typeError("randint only accepts integer dtypes, got " + d);
        }
        return randint(k, canonicalShape(shape), minval, maxval);
    }

    private static NDArray randint(Key k, int[] shape, Object minval, Object maxval) {
        NDArray lo = integerBound(Convert.asArray(minval));
        NDArray hi = integerBound(Convert.asArray(maxval));
        checkShape("randint", shape, lo.shape, hi.shape);
        Key[] keys = k.split2();
        int n = Shapes.size(shape);
        int[] out = RandomKernels.randint(keys[0].bits(n), keys[1].bits(n),
                ShapeOps.broadcastTo(lo, shape).ints(), ShapeOps.broadcastTo(hi, shape).ints());
        return NDArray.ofInts(shape, out);
    }

    private static NDArray integerBound(NDArray bound) {
        return Convert.cast(bound, DType.INT32);
    }

    @Builtin("bernoulli(key, p=0.5, shape=None, mode='low')")
    public static Object bernoulli(Object key, Object p, Object shape, Object mode) {
        if (!"low".equals(mode) && !"high".equals(mode)) {
            throw Errors.valueError("got mode=" + PyObjects.repr(mode) + ", expected 'high' or 'low'");
        }
        Key k = singleKey("bernoulli", key);
        NDArray prob = Convert.asArray(p);
        if (prob.dtype != DType.FLOAT32) {
            throw Errors.typeError("bernoulli probability `p` must have a floating dtype, got " + prob.dtype + ".");
        }
        int[] s = shape == PNone.NONE ? prob.shape : checkShape("bernoulli", canonicalShape(shape), prob.shape);
        if (mode.equals("low")) {
            return Elementwise.binary(BinaryPrim.LT, uniform(k, s, 0.0, 1.0), prob);
        }
        int n = Shapes.size(s);
        float[] u = uniform(k, prepend(2, s), 0.0, 1.0).floats();
        NDArray u1 = NDArray.ofFloats(s, Arrays.copyOfRange(u, 0, n));
        float[] u2 = Arrays.copyOfRange(u, n, 2 * n);
        for (int i = 0; i < n; i++) {
            u2[i] *= 0x1p-23f;
        }
        return Elementwise.binary(BinaryPrim.LT, NDArray.ofFloats(s, u2), Elementwise.binary(BinaryPrim.SUB, prob, u1));
    }

    /** Random signs: -1 or 1 with equal probability, from bernoulli(key, 0.5) as JAX draws them. */
    @Builtin("rademacher(key, shape=(), dtype=None)")
    public static Object rademacher(Object key, Object shape, Object dtype) {
        NDArray heads = Convert.cast((NDArray) bernoulli(key, 0.5, shape, "low"), DType.INT32);
        NDArray signs = Elementwise.binary(BinaryPrim.SUB, Elementwise.binary(BinaryPrim.MUL, 2L, heads), 1L);
        return dtype == PNone.NONE ? signs : Convert.cast(signs, Convert.dtypeArg(dtype));
    }

    @Builtin("permutation(key, x, axis=0, independent=False)")
    public static Object permutation(Object key, Object x, Object axis, Object independent) {
        Key k = singleKey("permutation", key);
        NDArray arr = Convert.asArray(x);
        if (arr.ndim() == 0) {
            if (!arr.dtype.isInteger()) {
                throw Errors.typeError("x must be an integer or at least 1-dimensional");
            }
            return shuffle(k, Creation.arange((long) arr.getLong(0), PNone.NONE, PNone.NONE, null), 0);
        }
        int ax = Shapes.axis((int) PyObjects.toLong(axis), arr.ndim());
        return permutation(k, arr, ax, PyObjects.isTrue(independent));
    }

    private static NDArray permutation(Key k, NDArray arr, int axis, boolean independent) {
        if (independent || arr.ndim() == 1) {
            return shuffle(k, arr, axis);
        }
        NDArray order = shuffle(k, Creation.arange((long) arr.shape[axis], PNone.NONE, PNone.NONE, null), 0);
        return (NDArray) NumpyFunctions.take(arr, order, (long) axis, PNone.NONE, PNone.NONE);
    }

    /** JAX's shuffle: ceil(3 ln(n) / ln(2^32 - 1)) rounds of sorting by fresh random keys. */
    private static NDArray shuffle(Key k, NDArray x, int axis) {
        int n = x.size();
        int rounds = (int) Math.ceil(3 * Math.log(Math.max(1, n)) / Math.log(4294967295.0));
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            source[i] = i;
        }
        Key current = k;
        for (int r = 0; r < rounds; r++) {
            Key[] keys = current.split2();
            current = keys[0];
            source = RandomKernels.sortByKeys(x.shape, axis, keys[1].bits(n), source);
        }
        return gather(x, source);
    }

    private static NDArray gather(NDArray x, int[] source) {
        NDArray flat = x.withShape(new int[]{x.size()});
        NDArray picked = (NDArray) NumpyFunctions.take(flat, NDArray.ofInts(new int[]{source.length}, source), 0L, PNone.NONE, PNone.NONE);
        return picked.withShape(x.shape);
    }

    @Builtin("choice(key, a, shape=(), replace=True, p=None, axis=0, mode=None)")
    public static Object choice(Object key, Object a, Object shape, Object replace, Object p, Object axis, Object mode) {
        Key k = singleKey("choice", key);
        if (!(shape instanceof PTuple || shape instanceof PList)) {
            throw Errors.typeError("shape argument of jax.random.choice must be a sequence, got " + PyObjects.str(shape));
        }
        int[] s = ShapeOps.shapeArg(shape);
        NDArray arr = Convert.asArray(a);
        int ax = arr.ndim() == 0 ? 0 : Shapes.axis((int) PyObjects.toLong(axis), arr.ndim());
        int nInputs = arr.ndim() == 0 ? (int) arr.getLong(0) : arr.shape[ax];
        int nDraws = Shapes.size(s);
        boolean withReplacement = PyObjects.isTrue(replace);
        if (nDraws == 0) {
            return NDArray.zeros(arr.dtype, s);
        }
        if (nInputs <= 0) {
            throw Errors.valueError("a must be greater than 0 unless no samples are taken");
        }
        if (!withReplacement && nDraws > nInputs) {
            throw Errors.valueError("Cannot take a larger sample (size " + nDraws + ") than population (size " + nInputs + ") when 'replace=False'");
        }
        NDArray ind;
        if (p == PNone.NONE) {
            if (withReplacement) {
                ind = randint(k, s, (long) 0, (long) nInputs);
            } else {
                NDArray population = arr.ndim() == 0 ? Creation.arange((long) nInputs, PNone.NONE, PNone.NONE, null) : arr;
                NDArray shuffled = permutation(k, population, ax, false);
                NDArray first = ShapeOps.split(shuffled, new PList(java.util.List.of((long) nDraws)), (long) ax)[0];
                return first.withShape(arr.ndim() == 0 ? s : replaceAxis(arr.shape, ax, s));
            }
        } else {
            NDArray prob = Convert.cast(Convert.asArray(p), DType.FLOAT32);
            if (prob.ndim() != 1 || prob.shape[0] != nInputs) {
                throw Errors.valueError("p must be None or a 1D vector with the same size as a.shape[axis]. p has shape "
                        + Shapes.str(prob.shape) + " and a.shape[axis] is " + nInputs + ".");
            }
            if (withReplacement) {
                float[] cumulative = Reductions.cumulative(prob, PNone.NONE, false, null).floats();
                float total = cumulative[nInputs - 1];
                float[] u = uniform(k, s, 0.0, 1.0).floats();
                int[] picks = new int[u.length];
                for (int i = 0; i < u.length; i++) {
                    picks[i] = searchLeft(cumulative, total * (1f - u[i]));
                }
                ind = NDArray.ofInts(s, picks);
            } else {
                float[] g = gumbel(k, new int[]{nInputs}, mode).floats();
                for (int i = 0; i < nInputs; i++) {
                    g[i] += log(prob.floats()[i]);
                }
                ind = NDArray.ofInts(new int[]{nDraws}, topK(g, nDraws));
            }
        }
        NDArray result = arr.ndim() == 0 ? ind : (NDArray) NumpyFunctions.take(arr, ind, (long) ax, PNone.NONE, PNone.NONE);
        return result.withShape(arr.ndim() == 0 ? s : replaceAxis(arr.shape, ax, s));
    }

    @Builtin("categorical(key, logits, axis=-1, shape=None, replace=True, mode=None)")
    public static Object categorical(Object key, Object logits, Object axis, Object shape, Object replace, Object mode) {
        Key k = singleKey("categorical", key);
        NDArray l = Convert.asArray(logits);
        int ax = Shapes.axis((int) PyObjects.toLong(axis), l.ndim());
        int[] batch = removeAxis(l.shape, ax);
        int[] s = shape == PNone.NONE ? batch : checkShape("categorical", canonicalShape(shape), batch);
        int prefixRank = s.length - batch.length;
        int[] prefix = Arrays.copyOf(s, prefixRank);
        if (PyObjects.isTrue(replace)) {
            int[] sampleShape = new int[s.length + 1];
            System.arraycopy(s, 0, sampleShape, 0, prefixRank);
            int[] logitsShape = insertAxis(Arrays.copyOfRange(s, prefixRank, s.length), ax, l.shape[ax]);
            System.arraycopy(logitsShape, 0, sampleShape, prefixRank, logitsShape.length);
            NDArray noisy = Elementwise.binary(BinaryPrim.ADD, gumbel(k, sampleShape, mode), l);
            return Reductions.reduce(Reductions.Kind.ARGMAX, noisy, (long) (prefixRank + ax), false, 0, null);
        }
        NDArray noisy = ShapeOps.moveaxis(Elementwise.binary(BinaryPrim.ADD, l, gumbel(k, l.shape, mode)), ax, l.ndim() - 1);
        int draws = Shapes.size(prefix);
        int categories = l.shape[ax];
        if (draws > categories) {
            throw Errors.valueError("Number of samples without replacement (" + draws + ") cannot exceed number of categories (" + categories + ").");
        }
        float[] values = Convert.cast(noisy, DType.FLOAT32).floats();
        int lanes = Shapes.size(batch);
        int[] out = new int[draws * lanes];
        for (int lane = 0; lane < lanes; lane++) {
            int[] top = topK(Arrays.copyOfRange(values, lane * categories, (lane + 1) * categories), draws);
            for (int d = 0; d < draws; d++) {
                out[d * lanes + lane] = top[d];
            }
        }
        return NDArray.ofInts(s, out);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static float log(float x) {
        return jaxon.ops.XlaMath.log(x);
    }

    private static float log1p(float x) {
        return jaxon.ops.XlaMath.log1p(x);
    }

    /** Indices of the k largest values, largest first; equal values keep their order (lax.top_k). */
    private static int[] topK(float[] values, int k) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** jnp.searchsorted(sorted, v, side='left'): the number of elements less than v. */
    private static int searchLeft(float[] sorted, float v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int[] prepend(int first, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = first;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    private static int[] removeAxis(int[] shape, int axis) {
        return replaceAxis(shape, axis, new int[0]);
    }

    private static int[] insertAxis(int[] shape, int axis, int size) {
        int[] out = new int[shape.length + 1];
        System.arraycopy(shape, 0, out, 0, axis);
        out[axis] = size;
        System.arraycopy(shape, axis, out, axis + 1, shape.length - axis);
        return out;
    }

    /** shape with the dimension at axis replaced by the dimensions in middle. */
    private static int[] replaceAxis(int[] shape, int axis, int[] middle) {
        int[] out = new int[shape.length - 1 + middle.length];
        System.arraycopy(shape, 0, out, 0, axis);
        System.arraycopy(middle, 0, out, axis, middle.length);
        System.arraycopy(shape, axis + 1, out, axis + middle.length, shape.length - axis - 1);
        return out;
    }

    /** JAX's shape canonicalisation: a sequence of non-negative ints. */
    private static int[] canonicalShape(Object shape) {
        if (!(shape instanceof PTuple || shape instanceof PList)) {
            throw Errors.typeError("Shapes must be 1D sequences of concrete values of integer type, got " + PyObjects.str(shape) + ".");
        }
        int[] s = ShapeOps.shapeArg(shape);
        for (int d : s) {
            if (d < 0) {
                throw Errors.typeError("Shapes must be 1D sequences of concrete values of integer type, got " + Shapes.str(s) + ".");
            }
        }
        return s;
    }

    /** The shape argument must be what its parameters' shapes broadcast to. */
    private static int[] checkShape(String name, int[] shape, int[]... paramShapes) {
        int[] result = shape;
        for (int[] p : paramShapes) {
            result = Elementwise.broadcastShapes(name, result, p);
        }
        if (!Arrays.equals(result, shape)) {
            throw Errors.valueError(name + " parameter shapes must be broadcast-compatible with shape argument, and the result of "
                    + "broadcasting the shapes must equal the shape argument, but got result " + Shapes.str(result)
                    + " for shape argument " + Shapes.str(shape) + ".");
        }
        return shape;
    }

    private static void floatDtype(String name, Object dtype, String what) {
        DType d = Convert.dtypeArg(dtype);
        if (d != null && d != DType.FLOAT32) {
            throw Errors.valueError("dtype argument to `" + name + "` must be " + what + ", got " + d);
        }
    }

    private static long seedValue(String ctor, Object seed) {
        if (seed instanceof PRNGKeyArray) {
            throw Errors.typeError(ctor + " accepts a scalar seed, but was given a PRNG key.");
        }
        if (seed instanceof Long || seed instanceof Boolean) {
            return PyObjects.toLong(seed);
        }
        NDArray s = Convert.asArray(seed);
        if (s.ndim() != 0) {
            throw Errors.typeError(ctor + " accepts a scalar seed, but was given an array of shape " + Shapes.str(s.shape) + " != (). Use jax.vmap for batching");
        }
        if (!s.dtype.isInteger()) {
            throw Errors.typeError("PRNG key seed must be an integer; got " + PyObjects.repr(s));
        }
        return s.getLong(0);
    }

    private static Object keyArray(int[] words, int[] shape, boolean typed) {
        NDArray data = new NDArray(DType.UINT32, prepend2(shape), words);
        return typed ? new PRNGKeyArray(data) : data;
    }

    private static int[] prepend2(int[] shape) {
        int[] out = Arrays.copyOf(shape, shape.length + 1);
        out[shape.length] = 2;
        return out;
    }

    /** The uint32 words behind a raw or typed key array, checked as JAX checks key data. */
    private static NDArray keyWords(String name, Object key) {
        if (key instanceof PRNGKeyArray k) {
            return k.data;
        }
        if (key instanceof NDArray a) {
            return checkKeyData(a);
        }
        if (PyObjects.isNumber(key) || key instanceof PList || key instanceof PTuple) {
            throw Errors.typeError("JAX encountered invalid PRNG key data: expected key_data to have ndim, shape, and dtype attributes. Got "
                    + PyObjects.repr(key));
        }
        throw Errors.typeError("unexpected PRNG key type " + PyObjects.typeName(key));
    }

    private static NDArray checkKeyData(NDArray data) {
        if (data.ndim() < 1) {
            throw Errors.typeError("JAX encountered invalid PRNG key data: expected key_data.ndim >= 1; got ndim=" + data.ndim());
        }
        if (data.shape[data.ndim() - 1] != 2) {
            throw Errors.typeError("JAX encountered invalid PRNG key data: expected key_data.shape to end with (2,); got shape="
                    + Shapes.str(data.shape) + " for impl=PRNGImpl(threefry2x32)");
        }
        if (data.dtype != DType.UINT32) {
            throw Errors.typeError("JAX encountered invalid PRNG key data: expected key_data.dtype = uint32; got dtype=" + data.dtype);
        }
        return data;
    }

    private static Key singleKey(String name, Object key) {
        NDArray words = keyWords(name, key);
        if (words.ndim() != 1) {
            String shape = Shapes.str(key instanceof PRNGKeyArray k ? k.shape() : words.shape);
            if (name.equals("split")) {
                throw Errors.typeError("split accepts a single key, but was given a key array of shape " + Shapes.str(Arrays.copyOf(words.shape, words.ndim() - 1)) + " != (). Use jax.vmap for batching.");
            }
            throw Errors.valueError(name + " accepts a single key, but was given a key array of shape " + shape + " != (). Use jax.vmap for batching.");
        }
        return new Key(words.ints()[0], words.ints()[1], key instanceof PRNGKeyArray);
    }
}
