package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import java.util.ArrayList;
import java.util.List;

/** A mutable Python list. */
public final class PList implements TruffleObject {
    public final ArrayList<Object> items;

    public PList() {
        this.items = new ArrayList<>();
    }

    public PList(List<Object> items) {
        this.items = new ArrayList<>(items);
    }

    public static PList of(Object... items) {
        return new PList(List.of(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        return PyObjects.repr(this);
    }
}
