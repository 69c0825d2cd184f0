package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import java.util.List;

/** obj[index] and obj[index] = value for Python containers; arrays go to jax.numpy indexing. */
public final class Subscripts {
    private Subscripts() {
    }

    @TruffleBoundary
    public static Object get(Object obj, Object index) {
        if (obj instanceof NDArray a) {
            return ArrayMethods.getItem(a, index);
        } else if (obj instanceof PRNGKeyArray k) {
            return k.getItem(index);
        } else if (obj instanceof ArrayMethods.AtIndexer at && at.index == null) {
            return new ArrayMethods.AtIndexer(at.array, index);
        } else if (obj instanceof PList l) {
            if (index instanceof PSlice s) {
                return new PList(slice(l.items.toArray(), s));
            }
            return l.items.get(normalize(index, l.size(), "list"));
        } else if (obj instanceof PTuple t) {
            if (index instanceof PSlice s) {
                return new PTuple(slice(t.items(), s).toArray());
            }
            return t.get(normalize(index, t.size(), "tuple"));
        } else if (obj instanceof String str) {
            if (index instanceof PSlice s) {
                int[] r = s.indices(str.length());
                StringBuilder sb = new StringBuilder();
                for (int i = 0, k = r[0]; i < r[3]; i++, k += r[2]) {
                    sb.append(str.charAt(k));
                }
                return sb.toString();
            }
            return String.valueOf(str.charAt(normalize(index, str.length(), "string")));
        } else if (obj instanceof PDict d) {
            Object v = d.get(index);
            if (v == null) {
                throw Errors.keyError(index);
            }
            return v;
        } else if (obj instanceof PRange r) {
            if (index instanceof PSlice s) {
                int[] b = s.indices((int) Math.min(r.length(), Integer.MAX_VALUE));
                return new PRange(r.get(b[0]), r.get(b[1]), r.step * b[2]);
            }
            long n = r.length();
            long i = PyObjects.toLong(index);
            if (i < 0) {
                i += n;
            }
            if (i < 0 || i >= n) {
                throw Errors.indexError("range object index out of range");
            }
            return r.get(i);
        }
        throw Errors.typeError("'" + PyObjects.typeName(obj) + "' object is not subscriptable");
    }

    private static List<Object> slice(Object[] items, PSlice s) {
        int[] r = s.indices(items.length);
        List<Object> out = new ArrayList<>(r[3]);
        for (int i = 0, k = r[0]; i < r[3]; i++, k += r[2]) {
            out.add(items[k]);
        }
        return out;
    }

    private static int normalize(Object index, int length, String what) {
        if (!(index instanceof Long || index instanceof Boolean)) {
            throw Errors.typeError(what + " indices must be integers or slices, not " + PyObjects.typeName(index));
        }
        long i = PyObjects.toLong(index);
        if (i < 0) {
            i += length;
        }
        if (i < 0 || i >= length) {
            throw Errors.indexError(what + " index out of range");
        }
        return (int) i;
    }

    @TruffleBoundary
    public static void set(Object obj, Object index, Object value) {
        if (obj instanceof PList l) {
            if (index instanceof PSlice s) {
                int[] r = s.indices(l.size());
                Object[] values = Iteration.toArray(value);
                if (r[2] != 1) {
                    if (values.length != r[3]) {
                        throw Errors.valueError("attempt to assign sequence of size " + values.length + " to extended slice of size " + r[3]);
                    }
                    for (int i = 0, k = r[0]; i < r[3]; i++, k += r[2]) {
                        l.items.set(k, values[i]);
                    }
                    return;
                }
                int stop = Math.max(r[0], r[1]);
                l.items.subList(r[0], stop).clear();
                l.items.addAll(r[0], java.util.Arrays.asList(values));
                return;
            }
            l.items.set(normalize(index, l.size(), "list assignment"), value);
        } else if (obj instanceof PDict d) {
            d.put(index, value);
        } else if (obj instanceof NDArray a) {
            throw Errors.typeError("JAX arrays are immutable and do not support in-place item assignment. Instead of x[idx] = y, "
                    + "use x = x.at[idx].set(y) or another .at[] method: https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html");
        } else {
            throw Errors.typeError("'" + PyObjects.typeName(obj) + "' object does not support item assignment");
        }
    }

    @TruffleBoundary
    public static void delete(Object obj, Object index) {
        if (obj instanceof PList l) {
            if (index instanceof PSlice s) {
                int[] r = s.indices(l.size());
                List<Integer> drop = new ArrayList<>();
                for (int i = 0, k = r[0]; i < r[3]; i++, k += r[2]) {
                    drop.add(k);
                }
                drop.sort(java.util.Comparator.reverseOrder());
                for (int k : drop) {
                    l.items.remove(k);
                }
                return;
            }
            l.items.remove(normalize(index, l.size(), "list assignment"));
        } else if (obj instanceof PDict d) {
            if (d.remove(index) == null) {
                throw Errors.keyError(index);
            }
        } else if (obj instanceof NDArray) {
            throw Errors.typeError("JAX arrays are immutable and do not support in-place item deletion.");
        } else {
            throw Errors.typeError("'" + PyObjects.typeName(obj) + "' object doesn't support item deletion");
        }
    }
}
