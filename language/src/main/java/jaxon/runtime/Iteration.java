package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Python iteration over Jaxon values. */
public final class Iteration {
    private Iteration() {
    }

    @TruffleBoundary
    public static Iterator<Object> iterator(Object o) {
        if (o instanceof PList l) {
            // Python iterates a list by index, seeing appends made during the loop.
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < l.items.size();
                }

                @Override
                public Object next() {
                    return l.items.get(i++);
                }
            };
        } else if (o instanceof PTuple t) {
            return Arrays.asList(t.items()).iterator();
        } else if (o instanceof PRange r) {
            return new Iterator<>() {
                long i;
                final long n = r.length();

                @Override
                public boolean hasNext() {
                    return i < n;
                }

                @Override
                public Object next() {
                    if (i >= n) {
                        throw new NoSuchElementException();
                    }
                    return r.get(i++);
                }
            };
        } else if (o instanceof PDict d) {
            return Arrays.asList(d.keys()).iterator();
        } else if (o instanceof String s) {
            return s.codePoints().mapToObj(c -> (Object) new String(Character.toChars(c))).iterator();
        } else if (o instanceof PRNGKeyArray k) {
            if (k.ndim() == 0) {
                throw Errors.typeError("iteration over a 0-d key array");
            }
            java.util.List<Object> keys = new java.util.ArrayList<>();
            for (int i = 0; i < k.data.shape[0]; i++) {
                keys.add(new PRNGKeyArray(row(k.data, i)));
            }
            return keys.iterator();
        } else if (o instanceof NDArray a) {
            if (a.ndim() == 0) {
                throw Errors.typeError("iteration over a 0-d array");
            }
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < a.shape[0];
                }

                @Override
                public Object next() {
                    return row(a, i++);
                }
            };
        }
        throw Errors.typeError("'" + PyObjects.typeName(o) + "' object is not iterable");
    }

    /** a[i] for an array of rank >= 1: a (rank - 1) array sharing nothing mutable. */
    public static NDArray row(NDArray a, int i) {
        int[] sub = Arrays.copyOfRange(a.shape, 1, a.shape.length);
        int n = Shapes.size(sub);
        Object data = switch (a.dtype) {
            case FLOAT32 -> Arrays.copyOfRange(a.floats(), i * n, (i + 1) * n);
            case INT32, UINT32 -> Arrays.copyOfRange(a.ints(), i * n, (i + 1) * n);
            case BOOL -> Arrays.copyOfRange(a.bools(), i * n, (i + 1) * n);
        };
        return new NDArray(a.dtype, sub, data);
    }

    @TruffleBoundary
    public static Object[] toArray(Object o) {
        if (o instanceof PTuple t) {
            return t.items();
        } else if (o instanceof PList l) {
            return l.items.toArray();
        }
        java.util.ArrayList<Object> out = new java.util.ArrayList<>();
        iterator(o).forEachRemaining(out::add);
        return out.toArray();
    }

    /** Unpacks exactly n values for a, b = v, with Python's error messages. */
    @TruffleBoundary
    public static Object[] unpack(Object o, int n) {
        Object[] items = toArray(o);
        if (items.length > n) {
            throw Errors.valueError("too many values to unpack (expected " + n + ")");
        } else if (items.length < n) {
            throw Errors.valueError("not enough values to unpack (expected " + n + ", got " + items.length + ")");
        }
        return items;
    }
}
