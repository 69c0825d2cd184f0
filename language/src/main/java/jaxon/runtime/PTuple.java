package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/** An immutable Python tuple. */
public final class PTuple implements TruffleObject {
    public static final PTuple EMPTY = new PTuple(new Object[0]);

    private final Object[] items;

    public PTuple(Object[] items) {
        this.items = items;
    }

    public static PTuple of(Object... items) {
        return new PTuple(items);
    }

    public int size() {
        return items.length;
    }

    public Object get(int i) {
        return items[i];
    }

    /** The backing array; callers must not modify it. */
    public Object[] items() {
        return items;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PTuple t && PyObjects.sequenceEquals(items, t.items);
    }

    @Override
    public int hashCode() {
        int h = 0x345678;
        for (Object item : items) {
            h = h * 1000003 ^ PyObjects.hash(item);
        }
        return h;
    }

    @Override
    public String toString() {
        return PyObjects.repr(this);
    }
}
