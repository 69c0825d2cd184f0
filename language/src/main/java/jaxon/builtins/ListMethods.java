package jaxon.builtins;

import java.util.Arrays;
import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PyObjects;

/** Methods of list. */
public final class ListMethods {
    private ListMethods() {
    }

    @Builtin("append(self, item)")
    public static Object append(Object self, Object item) {
        ((PList) self).items.add(item);
        return PNone.NONE;
    }

    @Builtin("extend(self, iterable)")
    public static Object extend(Object self, Object iterable) {
        ((PList) self).items.addAll(Arrays.asList(Iteration.toArray(iterable)));
        return PNone.NONE;
    }

    @Builtin("insert(self, index, item)")
    public static Object insert(Object self, Object index, Object item) {
        PList l = (PList) self;
        long i = PyObjects.toLong(index);
        if (i < 0) {
            i = Math.max(0, i + l.size());
        }
        l.items.add((int) Math.min(i, l.size()), item);
        return PNone.NONE;
    }

    @Builtin("pop(self, index=-1)")
    public static Object pop(Object self, Object index) {
        PList l = (PList) self;
        if (l.size() == 0) {
            throw Errors.indexError("pop from empty list");
        }
        long i = PyObjects.toLong(index);
        if (i < 0) {
            i += l.size();
        }
        if (i < 0 || i >= l.size()) {
            throw Errors.indexError("pop index out of range");
        }
        return l.items.remove((int) i);
    }

    @Builtin("remove(self, value)")
    public static Object remove(Object self, Object value) {
        PList l = (PList) self;
        for (int i = 0; i < l.size(); i++) {
            if (PyObjects.equals(l.items.get(i), value)) {
                l.items.remove(i);
                return PNone.NONE;
            }
        }
        throw Errors.valueError("list.remove(x): x not in list");
    }

    @Builtin("index(self, value)")
    public static Object index(Object self, Object value) {
        PList l = (PList) self;
        for (int i = 0; i < l.size(); i++) {
            if (PyObjects.equals(l.items.get(i), value)) {
                return (long) i;
            }
        }
        throw Errors.valueError(PyObjects.repr(value) + " is not in list");
    }

    @Builtin("count(self, value)")
    public static Object count(Object self, Object value) {
        long n = 0;
        for (Object o : ((PList) self).items) {
            if (PyObjects.equals(o, value)) {
                n++;
            }
        }
        return n;
    }

    @Builtin("reverse(self)")
    public static Object reverse(Object self) {
        java.util.Collections.reverse(((PList) self).items);
        return PNone.NONE;
    }

    @Builtin("sort(self, *, key=None, reverse=False)")
    public static Object sort(Object self, Object key, Object reverse) {
        PList l = (PList) self;
        Object[] sorted = PythonBuiltins.sortedArray(l.items.toArray(), key, PyObjects.isTrue(reverse));
        l.items.clear();
        l.items.addAll(Arrays.asList(sorted));
        return PNone.NONE;
    }

    @Builtin("copy(self)")
    public static Object copy(Object self) {
        return new PList(((PList) self).items);
    }

    @Builtin("clear(self)")
    public static Object clear(Object self) {
        ((PList) self).items.clear();
        return PNone.NONE;
    }
}
