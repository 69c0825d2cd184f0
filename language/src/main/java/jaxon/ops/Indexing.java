package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import java.util.List;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PEllipsis;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PSlice;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Shapes;

/**
 * NumPy indexing as JAX does it: integers, slices, None, Ellipsis, integer arrays (clamped when
 * reading, dropped when updating out of range), boolean masks; and x.at[index] updates. An index
 * is resolved once into the flat source position of every element of the indexed result.
 */
public final class Indexing {
    private Indexing() {
    }

    public enum UpdateOp {
        SET, ADD, MULTIPLY, DIVIDE, MIN, MAX, POWER
    }

    /** One item of an index tuple after Ellipsis expansion. */
    private sealed interface Item {
    }

    private record Int(int index) implements Item {
    }

    private record Range(int start, int step, int count) implements Item {
    }

    private record NewAxis() implements Item {
    }

    /** An integer array index; values as given (negative wrap, range checked later). */
    private record IntArray(NDArray values) implements Item {
    }

    /** The result shape and, per result element, the flat source index (-1: out of range, dropped). */
    private record Resolved(int[] shape, int[] source) {
    }

    @TruffleBoundary
    public static NDArray getItem(NDArray x, Object index) {
        Resolved r = resolve(x, index, false);
        return ShapeOps.gather(x, r.source(), r.shape());
    }

    @TruffleBoundary
    public static NDArray update(NDArray x, Object index, Object values, UpdateOp op) {
        Resolved r = resolve(x, index, true);
        NDArray v = Convert.cast(ShapeOps.broadcastTo(Convert.asArray(values), r.shape()), x.dtype);
        Object out = switch (x.dtype) {
            case FLOAT32 -> x.floats().clone();
            case INT32, UINT32 -> x.ints().clone();
            case BOOL -> x.bools().clone();
        };
        NDArray result = new NDArray(x.dtype, x.shape, out, x.weakType); // x's dtype and weak type, as JAX's scatter keeps them
        for (int i = 0; i < r.source().length; i++) {
            int s = r.source()[i];
            if (s < 0) {
                continue;
            }
            switch (x.dtype) {
                case FLOAT32 -> {
                    float[] f = (float[]) out;
                    float u = v.floats()[i];
                    f[s] = switch (op) {
                        case SET -> u;
                        case ADD -> f[s] + u;
                        case MULTIPLY -> f[s] * u;
                        case DIVIDE -> f[s] / u;
                        case MIN -> BinaryPrim.MIN.apply(f[s], u);
                        case MAX -> BinaryPrim.MAX.apply(f[s], u);
                        case POWER -> (float) Math.pow(f[s], u);
                    };
                }
                case INT32, UINT32 -> {
                    int[] a = (int[]) out;
                    int u = v.ints()[i];
                    a[s] = switch (op) {
                        case SET -> u;
                        case ADD -> a[s] + u;
                        case MULTIPLY -> a[s] * u;
                        case DIVIDE -> BinaryPrim.FLOOR_DIVIDE.applyInt(a[s], u);
                        case MIN -> Math.min(a[s], u);
                        case MAX -> Math.max(a[s], u);
                        case POWER -> BinaryPrim.POW.applyInt(a[s], u);
                    };
                }
                case BOOL -> {
                    boolean[] b = (boolean[]) out;
                    boolean u = v.bools()[i];
                    b[s] = switch (op) {
                        case SET -> u;
                        case ADD, MAX -> b[s] || u;
                        case MULTIPLY, MIN -> b[s] && u;
                        default -> throw Errors.typeError("unsupported update on bool arrays");
                    };
                }
            }
        }
        return result;
    }

    private static Resolved resolve(NDArray x, Object index, boolean forUpdate) {
        Object[] raw = index instanceof PTuple t ? t.items() : new Object[]{index};
        List<Object> expanded = expandEllipsis(x, raw);
        boolean advanced = expanded.stream().anyMatch(o -> o instanceof NDArray || o instanceof PList);
        List<Item> items = new ArrayList<>();
        int dim = 0;
        for (Object o : expanded) {
            if (o == PNone.NONE) {
                items.add(new NewAxis());
            } else if (o instanceof PSlice s) {
                int[] r = s.indices(x.shape[dim]);
                items.add(new Range(r[0], r[2], r[3]));
                dim++;
            } else if (o instanceof Long || o instanceof Boolean && !advanced) {
                int size = x.shape[dim];
                long i = PyObjects.toLong(o);
                if ((i < -size || i >= size) && !forUpdate && size > 0) {
                    // JAX clamps an out-of-range read into the axis (after counting negative indices from the end).
                    i = Math.max(0, Math.min(size - 1, i < 0 ? i + size : i));
                }
                if (i < -size || i >= size) {
                    if (!forUpdate) {
                        throw Errors.indexError("index " + i + " is out of bounds for axis " + dim + " with size " + size);
                    }
                    items.add(new Int(Integer.MIN_VALUE)); // dropped
                } else {
                    items.add(advanced ? new IntArray(NDArray.ofInts(new int[0], new int[]{(int) i})) : new Int((int) (i < 0 ? i + size : i)));
                }
                dim++;
            } else {
                NDArray arr = o instanceof NDArray a ? a : Convert.asArray(o instanceof PList l && l.size() == 0 ? new PList() : o);
                if (o instanceof PList l && l.size() == 0) {
                    arr = NDArray.ofInts(new int[]{0}, new int[0]);
                }
                if (arr.dtype == DType.BOOL) {
                    for (int k = 0; k < arr.ndim(); k++) {
                        if (arr.shape[k] != x.shape[dim + k]) {
                            throw Errors.indexError("boolean index did not match shape of indexed array in index " + k + ": got "
                                    + Shapes.str(arr.shape) + ", expected " + Shapes.str(java.util.Arrays.copyOfRange(x.shape, dim, dim + arr.ndim())));
                        }
                    }
                    items.addAll(nonzero(arr));
                    dim += arr.ndim();
                } else if (arr.dtype == DType.FLOAT32) {
                    throw Errors.indexError("Indexer must have integer or boolean type, got indexer with type float32 at position "
                            + dim + ", indexer value " + PyObjects.repr(arr));
                } else {
                    items.add(new IntArray(arr));
                    dim++;
                }
            }
        }
        return gatherPlan(x, items, forUpdate);
    }

    private static List<Object> expandEllipsis(NDArray x, Object[] raw) {
        int consumed = 0;
        int ellipses = 0;
        for (Object o : raw) {
            if (o == PEllipsis.INSTANCE) {
                ellipses++;
            } else if (o != PNone.NONE) {
                consumed += o instanceof NDArray a && a.dtype == DType.BOOL ? Math.max(a.ndim(), 1) : 1;
            }
        }
        if (ellipses > 1) {
            throw Errors.indexError("an index can only have a single ellipsis ('...')");
        }
        if (consumed > x.ndim()) {
            throw Errors.indexError("Too many indices: array is " + x.ndim() + "-dimensional, but " + consumed + " were indexed");
        }
        List<Object> out = new ArrayList<>();
        for (Object o : raw) {
            if (o == PEllipsis.INSTANCE) {
                for (int k = 0; k < x.ndim() - consumed; k++) {
                    out.add(new PSlice(PNone.NONE, PNone.NONE, PNone.NONE));
                }
            } else {
                out.add(o);
            }
        }
        if (ellipses == 0) {
            for (int k = consumed; k < x.ndim(); k++) {
                out.add(new PSlice(PNone.NONE, PNone.NONE, PNone.NONE));
            }
        }
        return out;
    }

    /** A boolean mask as one integer index array per masked dimension (its nonzero coordinates). */
    private static List<Item> nonzero(NDArray mask) {
        int count = 0;
        for (boolean b : mask.bools()) {
            count += b ? 1 : 0;
        }
        int rank = Math.max(mask.ndim(), 1);
        int[][] coords = new int[rank][count];
        int[] strides = Shapes.strides(mask.shape);
        int k = 0;
        for (int i = 0; i < mask.size(); i++) {
            if (mask.bools()[i]) {
                for (int d = 0; d < mask.ndim(); d++) {
                    coords[d][k] = (i / strides[d]) % mask.shape[d];
                }
                k++;
            }
        }
        List<Item> items = new ArrayList<>();
        for (int d = 0; d < mask.ndim(); d++) {
            items.add(new IntArray(NDArray.ofInts(new int[]{count}, coords[d])));
        }
        return items;
    }

    private static Resolved gatherPlan(NDArray x, List<Item> items, boolean forUpdate) {
        // Broadcast the integer arrays together; find where their dimensions go.
        int[] bshape = null;
        int first = -1;
        int last = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof IntArray a) {
                bshape = bshape == null ? a.values().shape : Elementwise.broadcastShapes("gather", bshape, a.values().shape);
                first = first < 0 ? i : first;
                last = i;
            }
        }
        boolean adjacent = true;
        for (int i = first; i >= 0 && i <= last; i++) {
            adjacent &= items.get(i) instanceof IntArray;
        }
        List<Integer> outShape = new ArrayList<>();
        int advancedAt = -1;
        if (bshape != null && !adjacent) {
            advancedAt = 0;
            for (int d : bshape) {
                outShape.add(d);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it instanceof Range r) {
                outShape.add(r.count());
            } else if (it instanceof NewAxis) {
                outShape.add(1);
            } else if (it instanceof IntArray && i == first && adjacent) {
                advancedAt = outShape.size();
                for (int d : bshape) {
                    outShape.add(d);
                }
            }
        }
        int[] shape = outShape.stream().mapToInt(Integer::intValue).toArray();
        int n = Shapes.size(shape);
        int[] src = new int[n];
        int[] xStrides = Shapes.strides(x.shape);
        int[] counter = new int[shape.length];
        int bRank = bshape == null ? 0 : bshape.length;
        int[][] tables = new int[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof IntArray a) {
                tables[i] = Elementwise.Broadcast.table(a.values().shape, bshape);
            }
        }
        int[] bStrides = bshape == null ? new int[0] : Shapes.strides(bshape);
        for (int e = 0; e < n; e++) {
            int bFlat = 0;
            for (int k = 0; k < bRank; k++) {
                bFlat += counter[advancedAt + k] * bStrides[k];
            }
            int pos = 0;
            int srcDim = 0;
            boolean dropped = false;
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                if (it instanceof NewAxis) {
                    continue;
                }
                int size = x.shape[srcDim];
                int idx;
                if (it instanceof Int in) {
                    if (in.index() == Integer.MIN_VALUE) {
                        dropped = true;
                        idx = 0;
                    } else {
                        idx = in.index();
                    }
                } else if (it instanceof Range r) {
                    int od = outDimOfRange(items, i, advancedAt, adjacent, bRank);
                    idx = r.start() + counter[od] * r.step();
                } else {
                    IntArray a = (IntArray) it;
                    long v = a.values().getLong(tables[i][bFlat]);
                    if (v < 0) {
                        v += size;
                    }
                    if (v < 0 || v >= size) {
                        if (forUpdate) {
                            dropped = true;
                        }
                        v = Math.max(0, Math.min(size - 1, v)); // gather clamps, as JAX does by default
                    }
                    idx = (int) v;
                }
                pos += idx * xStrides[srcDim];
                srcDim++;
            }
            src[e] = dropped ? -1 : pos;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++counter[d] < shape[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        return new Resolved(shape, src);
    }

    /** The output dimension that the Range at item i iterates. */
    private static int outDimOfRange(List<Item> items, int i, int advancedAt, boolean adjacent, int bRank) {
        int od = adjacent ? 0 : (advancedAt >= 0 ? bRank : 0);
        boolean advancedPlaced = false;
        for (int k = 0; k < i; k++) {
            Item it = items.get(k);
            if (it instanceof Range || it instanceof NewAxis) {
                od++;
            } else if (it instanceof IntArray && adjacent && !advancedPlaced) {
                od += bRank;
                advancedPlaced = true;
            }
        }
        return od;
    }
}
