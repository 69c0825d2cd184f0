package jaxon.builtins;

import jaxon.runtime.PDict;
import jaxon.runtime.PList;
import jaxon.runtime.PModule;
import jaxon.runtime.PTuple;

/** Method tables of the built-in Python types: a method is a builtin whose first parameter is self. */
public final class Methods {
    private Methods() {
    }

    private static final PModule STR = new PModule("str").addBuiltins(StrMethods.class);
    private static final PModule LIST = new PModule("list").addBuiltins(ListMethods.class);
    private static final PModule DICT = new PModule("dict").addBuiltins(DictMethods.class);
    private static final PModule TUPLE = new PModule("tuple").addBuiltins(TupleMethods.class);
    private static final PModule STREAM = new PModule("stream").addBuiltins(SysModule.Stream.class);

    /** The method of a built-in type by type name (str.lower), unbound: self is its first argument. */
    public static Object lookupByType(String typeName, String name) {
        PModule table = switch (typeName) {
            case "str" -> STR;
            case "list" -> LIST;
            case "dict" -> DICT;
            case "tuple" -> TUPLE;
            default -> null;
        };
        return table == null ? null : table.get(name);
    }

    /** The builtin implementing obj.name, or null. */
    public static Object lookup(Object obj, String name) {
        PModule table = obj instanceof String ? STR : obj instanceof PList ? LIST : obj instanceof PDict ? DICT
                : obj instanceof PTuple ? TUPLE : obj == Modules.STDOUT || obj == Modules.STDERR ? STREAM : null;
        return table == null ? null : table.get(name);
    }
}
