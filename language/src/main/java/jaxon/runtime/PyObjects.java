package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import jaxon.runtime.format.ArrayPrinter;
import jaxon.runtime.format.PyFormat;

/**
 * Python semantics of values that are not specific to one operation: str, repr, truth, ==, hash,
 * type names. Python ints are Long, floats Double, bools Boolean, strs String, None {@link PNone}.
 */
public final class PyObjects {
    private PyObjects() {
    }

    @TruffleBoundary
    public static String typeName(Object o) {
        if (o instanceof Boolean) {
            return "bool";
        } else if (o instanceof Long || o instanceof Integer) {
            return "int";
        } else if (o instanceof Double) {
            return "float";
        } else if (o instanceof String) {
            return "str";
        } else if (o == PNone.NONE) {
            return "NoneType";
        } else if (o instanceof PList) {
            return "list";
        } else if (o instanceof PTuple) {
            return "tuple";
        } else if (o instanceof PDict) {
            return "dict";
        } else if (o instanceof NDArray) {
            return "ArrayImpl";
        } else if (o instanceof PyBaseException e) {
            return e.type.name;
        } else if (o instanceof PyExceptionType) {
            return "type";
        } else if (o instanceof PyValue v) {
            return v.typeName();
        }
        return o.getClass().getSimpleName();
    }

    @TruffleBoundary
    public static String str(Object o) {
        if (o instanceof String s) {
            return s;
        } else if (o instanceof NDArray a) {
            return ArrayPrinter.str(a);
        } else if (o instanceof PyBaseException e) {
            return e.str();
        } else if (o instanceof DType d) {
            return d.jaxName;
        } else if (o instanceof PNamespace n) {
            return n.str();
        }
        return repr(o);
    }

    @TruffleBoundary
    public static String repr(Object o) {
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        } else if (o instanceof Long || o instanceof Integer) {
            return o.toString();
        } else if (o instanceof Double d) {
            return PyFormat.reprFloat(d);
        } else if (o instanceof String s) {
            return reprString(s);
        } else if (o == PNone.NONE) {
            return "None";
        } else if (o instanceof PList l) {
            return join("[", l.items.toArray(), "]");
        } else if (o instanceof PTuple t) {
            return t.size() == 1 ? "(" + repr(t.get(0)) + ",)" : join("(", t.items(), ")");
        } else if (o instanceof PDict d) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Object[] e : d.entries()) {
                sb.append(first ? "" : ", ").append(repr(e[0])).append(": ").append(repr(e[1]));
                first = false;
            }
            return sb.append('}').toString();
        } else if (o instanceof NDArray a) {
            return ArrayPrinter.repr(a);
        } else if (o instanceof PyValue v) {
            return v.repr();
        }
        return String.valueOf(o);
    }

    private static String join(String open, Object[] items, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < items.length; i++) {
            sb.append(i > 0 ? ", " : "").append(repr(items[i]));
        }
        return sb.append(close).toString();
    }

    /** Python's repr of a str: single quotes unless the text has ' and no ". */
    public static String reprString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python truth value; arrays of more than one element raise as in JAX/NumPy. */
    @TruffleBoundary
    public static boolean isTrue(Object o) {
        if (o instanceof Boolean b) {
            return b;
        } else if (o instanceof Long l) {
            return l != 0;
        } else if (o instanceof Double d) {
            return d != 0;
        } else if (o instanceof String s) {
            return !s.isEmpty();
        } else if (o == PNone.NONE) {
            return false;
        } else if (o instanceof PList l) {
            return l.size() > 0;
        } else if (o instanceof PTuple t) {
            return t.size() > 0;
        } else if (o instanceof PDict d) {
            return d.size() > 0;
        } else if (o instanceof NDArray a) {
            if (a.size() != 1) {
                throw Errors.valueError("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");
            }
            return a.getBoolean(0);
        }
        return true;
    }

    /** Python == for values whose equality is a plain bool (not arrays). */
    @TruffleBoundary
    public static boolean equals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return toDouble(a) == toDouble(b);
            }
            return toLong(a) == toLong(b);
        }
        if (a instanceof String s) {
            return s.equals(b);
        }
        if (a instanceof PTuple t && b instanceof PTuple u) {
            return sequenceEquals(t.items(), u.items());
        }
        if (a instanceof PList l && b instanceof PList m) {
            return sequenceEquals(l.items.toArray(), m.items.toArray());
        }
        if (a instanceof PDict d && b instanceof PDict e) {
            if (d.size() != e.size()) {
                return false;
            }
            for (Object[] entry : d.entries()) {
                Object other = e.get(entry[0]);
                if (other == null || !equals(entry[1], other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof DType || b instanceof DType) {
            return a.toString().equals(b.toString());
        }
        return false;
    }

    static boolean sequenceEquals(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!equals(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    @TruffleBoundary
    public static int hash(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof Long l) {
            return Long.hashCode(l);
        } else if (o instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) ? Long.hashCode((long) (double) d) : d.hashCode();
        }
        return o.hashCode();
    }

    public static Object checkHashable(Object key) {
        if (key instanceof PList || key instanceof PDict || key instanceof NDArray) {
            throw Errors.typeError("unhashable type: '" + typeName(key) + "'");
        }
        return key;
    }

    public static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double || o instanceof Boolean || o instanceof Integer;
    }

    public static double toDouble(Object o) {
        if (o instanceof Double d) {
            return d;
        } else if (o instanceof Long l) {
            return l;
        } else if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof Integer i) {
            return i;
        }
        throw Errors.typeError("must be real number, not " + typeName(o));
    }

    public static long toLong(Object o) {
        if (o instanceof Long l) {
            return l;
        } else if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof Integer i) {
            return i;
        }
        throw Errors.typeError("'" + typeName(o) + "' object cannot be interpreted as an integer");
    }
}
