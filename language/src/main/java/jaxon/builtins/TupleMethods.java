package jaxon.builtins;

import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;

/** Methods of tuple. */
public final class TupleMethods {
    private TupleMethods() {
    }

    @Builtin("index(self, value)")
    public static Object index(Object self, Object value) {
        Object[] items = ((PTuple) self).items();
        for (int i = 0; i < items.length; i++) {
            if (PyObjects.equals(items[i], value)) {
                return (long) i;
            }
        }
        throw Errors.valueError("tuple.index(x): x not in tuple");
    }

    @Builtin("count(self, value)")
    public static Object count(Object self, Object value) {
        long n = 0;
        for (Object o : ((PTuple) self).items()) {
            if (PyObjects.equals(o, value)) {
                n++;
            }
        }
        return n;
    }
}
