package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python dict: insertion-ordered, with Python's key equality (1 == 1.0 == True). Each entry keeps
 * the key object first inserted, as Python does.
 */
public final class PDict implements TruffleObject {
    private final LinkedHashMap<Object, Object[]> map = new LinkedHashMap<>();

    /** Wraps a key so that Java's equals/hashCode follow Python's == and hash. */
    private record Key(Object key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && PyObjects.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return PyObjects.hash(key);
        }
    }

    public Object get(Object key) {
        Object[] e = map.get(new Key(PyObjects.checkHashable(key)));
        return e == null ? null : e[1];
    }

    public void put(Object key, Object value) {
        Key k = new Key(PyObjects.checkHashable(key));
        Object[] e = map.get(k);
        if (e == null) {
            map.put(k, new Object[]{key, value});
        } else {
            e[1] = value;
        }
    }

    public Object remove(Object key) {
        Object[] e = map.remove(new Key(key));
        return e == null ? null : e[1];
    }

    public boolean containsKey(Object key) {
        return map.containsKey(new Key(PyObjects.checkHashable(key)));
    }

    public int size() {
        return map.size();
    }

    public Object[] keys() {
        return map.values().stream().map(e -> e[0]).toArray();
    }

    public Object[] values() {
        return map.values().stream().map(e -> e[1]).toArray();
    }

    /** Entries as {key, value} pairs, in insertion order. */
    public Iterable<Object[]> entries() {
        return map.values();
    }

    public static PDict fromMap(Map<String, Object> m) {
        PDict d = new PDict();
        m.forEach(d::put);
        return d;
    }

    @Override
    public String toString() {
        return PyObjects.repr(this);
    }
}
