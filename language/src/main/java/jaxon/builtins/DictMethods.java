package jaxon.builtins;

import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PDict;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;

/** Methods of dict. keys(), values() and items() return lists (Jaxon has no view objects). */
public final class DictMethods {
    private DictMethods() {
    }

    @Builtin("keys(self)")
    public static Object keys(Object self) {
        return PList.of(((PDict) self).keys());
    }

    @Builtin("values(self)")
    public static Object values(Object self) {
        return PList.of(((PDict) self).values());
    }

    @Builtin("items(self)")
    public static Object items(Object self) {
        PList out = new PList();
        for (Object[] e : ((PDict) self).entries()) {
            out.items.add(PTuple.of(e[0], e[1]));
        }
        return out;
    }

    @Builtin("get(self, key, default=None)")
    public static Object get(Object self, Object key, Object dflt) {
        Object v = ((PDict) self).get(key);
        return v == null ? dflt : v;
    }

    @Builtin("pop(self, key, *default)")
    public static Object pop(Object self, Object key, Object dflt) {
        Object v = ((PDict) self).remove(key);
        if (v == null) {
            PTuple d = (PTuple) dflt;
            if (d.size() == 0) {
                throw Errors.keyError(key);
            }
            return d.get(0);
        }
        return v;
    }

    @Builtin("popitem(self)")
    public static Object popitem(Object self) {
        PDict d = (PDict) self;
        if (d.size() == 0) {
            throw Errors.keyError("popitem(): dictionary is empty");
        }
        Object key = d.keys()[d.size() - 1];
        return PTuple.of(key, d.remove(key));
    }

    @Builtin("setdefault(self, key, default=None)")
    public static Object setdefault(Object self, Object key, Object dflt) {
        PDict d = (PDict) self;
        Object v = d.get(key);
        if (v == null) {
            d.put(key, dflt);
            return dflt;
        }
        return v;
    }

    @Builtin("update(self, *other, **kwargs)")
    public static Object update(Object self, Object other, Object kwargs) {
        PDict d = (PDict) self;
        for (Object src : ((PTuple) other).items()) {
            if (src instanceof PDict o) {
                for (Object[] e : o.entries()) {
                    d.put(e[0], e[1]);
                }
            } else {
                for (Object pair : Iteration.toArray(src)) {
                    Object[] kv = Iteration.unpack(pair, 2);
                    d.put(kv[0], kv[1]);
                }
            }
        }
        for (Object[] e : ((PDict) kwargs).entries()) {
            d.put(e[0], e[1]);
        }
        return PNone.NONE;
    }

    @Builtin("copy(self)")
    public static Object copy(Object self) {
        PDict out = new PDict();
        for (Object[] e : ((PDict) self).entries()) {
            out.put(e[0], e[1]);
        }
        return out;
    }

    @Builtin("clear(self)")
    public static Object clear(Object self) {
        PDict d = (PDict) self;
        for (Object k : d.keys()) {
            d.remove(k);
        }
        return PNone.NONE;
    }
}
