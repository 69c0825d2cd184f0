package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import jaxon.builtins.Methods;

/** obj.name for every kind of value. */
public final class Attributes {
    private Attributes() {
    }

    /** obj.name = value: only functions take new attributes (Jaxon has no classes). */
    @TruffleBoundary
    public static void set(Object obj, String name, Object value) {
        if (obj instanceof PFunction f) {
            if (f.attributes == null) {
                f.attributes = new java.util.HashMap<>();
            }
            f.attributes.put(name, value);
            return;
        }
        if (obj instanceof PModule m) {
            m.put(name, value);
            return;
        }
        throw Errors.raise(PyExceptionType.ATTRIBUTE_ERROR, "'" + PyObjects.typeName(obj) + "' object attribute '" + name + "' is read-only");
    }

    @TruffleBoundary
    public static Object get(Object obj, String name) {
        if (obj instanceof PModule m) {
            Object v = m.get(name);
            if (v == null && Methods.lookup(obj, name) != null) {
                return new BoundMethod(obj, Methods.lookup(obj, name));
            }
            if (v == null) {
                throw Errors.raise(PyExceptionType.ATTRIBUTE_ERROR, "module '" + m.name + "' has no attribute '" + name + "'");
            }
            return v;
        } else if (obj instanceof NDArray a) {
            Object v = ArrayMethods.attribute(a, name);
            if (v != null) {
                return v;
            }
        } else if (obj instanceof PNamespace ns) {
            Object v = ns.get(name);
            if (v != null) {
                return v;
            }
        } else if (obj instanceof PRNGKeyArray k) {
            Object v = k.attribute(name);
            if (v != null) {
                return v;
            }
        } else if (obj instanceof ArrayMethods.AtIndexer at && at.index != null) {
            Object method = jaxon.builtins.AtMethods.lookup(name);
            if (method != null) {
                return new BoundMethod(at, method);
            }
        } else if (obj instanceof PyBaseException e && name.equals("args")) {
            return e.args;
        } else if (obj instanceof PFunction f) {
            if (name.equals("__name__")) {
                return f.name;
            }
            Object v = f.attributes == null ? null : f.attributes.get(name);
            if (v != null) {
                return v;
            }
        } else if (obj instanceof BuiltinFunction f && name.equals("__name__")) {
            return f.name();
        } else if (obj instanceof PyExceptionType t && name.equals("__name__")) {
            return t.name;
        } else if (obj instanceof PyType t) {
            if (name.equals("__name__")) {
                return t.name;
            }
            Object unbound = Methods.lookupByType(t.name, name);
            if (unbound != null) {
                return unbound;
            }
        } else if (obj instanceof DType d) {
            switch (name) {
                case "name":
                    return d.jaxName;
                case "itemsize":
                    return d == DType.BOOL ? 1L : 4L;
                case "kind":
                    return d == DType.FLOAT32 ? "f" : d == DType.INT32 ? "i" : d == DType.UINT32 ? "u" : "b";
                default:
                    break;
            }
        } else if (obj instanceof ScalarType s) {
            if (name.equals("dtype")) {
                return s.dtype;
            } else if (name.equals("__name__")) {
                return s.dtype.jaxName;
            }
        } else if (obj instanceof PSlice s) {
            switch (name) {
                case "start":
                    return s.start;
                case "stop":
                    return s.stop;
                case "step":
                    return s.step;
                default:
                    break;
            }
        } else if (obj instanceof PRange r) {
            switch (name) {
                case "start":
                    return r.start;
                case "stop":
                    return r.stop;
                case "step":
                    return r.step;
                default:
                    break;
            }
        } else if (obj instanceof Double d) {
            if (name.equals("real")) {
                return d;
            } else if (name.equals("imag")) {
                return 0.0;
            }
        }
        Object method = Methods.lookup(obj, name);
        if (method != null) {
            return new BoundMethod(obj, method);
        }
        throw Errors.attributeError(obj, name);
    }
}
