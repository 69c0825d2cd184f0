package jaxon.builtins;

import jaxon.ops.Indexing;
import jaxon.ops.Indexing.UpdateOp;
import jaxon.runtime.ArrayMethods.AtIndexer;
import jaxon.runtime.Builtin;
import jaxon.runtime.PModule;

/** x.at[index].set(v) and friends: functional updates that return a new array. */
public final class AtMethods {
    private AtMethods() {
    }

    private static final PModule TABLE = new PModule("_IndexUpdateRef").addBuiltins(AtMethods.class);

    public static Object lookup(String name) {
        return TABLE.get(name);
    }

    private static Object update(Object self, Object values, UpdateOp op) {
        AtIndexer at = (AtIndexer) self;
        return Indexing.update(at.array, at.index, values, op);
    }

    @Builtin("get(self, *, indices_are_sorted=False, unique_indices=False, mode=None, fill_value=None)")
    public static Object get(Object self, Object sorted, Object unique, Object mode, Object fill) {
        AtIndexer at = (AtIndexer) self;
        return Indexing.getItem(at.array, at.index);
    }

    @Builtin("set(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object set(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.SET);
    }

    @Builtin("add(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object add(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.ADD);
    }

    @Builtin("multiply(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object multiply(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.MULTIPLY);
    }

    @Builtin("divide(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object divide(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.DIVIDE);
    }

    @Builtin("power(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object power(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.POWER);
    }

    @Builtin("min(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object min(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.MIN);
    }

    @Builtin("max(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None)")
    public static Object max(Object self, Object values, Object sorted, Object unique, Object mode) {
        return update(self, values, UpdateOp.MAX);
    }
}
