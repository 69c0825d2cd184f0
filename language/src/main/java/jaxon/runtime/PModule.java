package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/** A module: a named namespace. Its attributes are also the globals of code written in it. */
@ExportLibrary(InteropLibrary.class)
public final class PModule implements PyValue, TruffleObject {
    public final String name;
    public final Map<String, Object> attributes = new LinkedHashMap<>();
    /** Per global name, an assumption that it keeps its value: compiled reads of it fold to a constant. */
    private final Map<String, com.oracle.truffle.api.Assumption> unchanged = new java.util.HashMap<>();

    public PModule(String name) {
        this.name = name;
    }

    @TruffleBoundary
    public Object get(String attr) {
        return attributes.get(attr);
    }

    @TruffleBoundary
    public void put(String attr, Object value) {
        attributes.put(attr, value);
        com.oracle.truffle.api.Assumption a = unchanged.remove(attr);
        if (a != null) {
            a.invalidate();
        }
    }

    @TruffleBoundary
    public void remove(String attr) {
        put(attr, null);
        attributes.remove(attr);
    }

    /** An assumption that invalidates when attr is rebound. */
    @TruffleBoundary
    public com.oracle.truffle.api.Assumption unchangedAssumption(String attr) {
        return unchanged.computeIfAbsent(attr, n -> com.oracle.truffle.api.Truffle.getRuntime().createAssumption(n));
    }

    /**
     * Adds every {@link Builtin} method of {@code cls} as a function, then calls its
     * {@code public static void init(PModule)} if it has one (for constants and submodules).
     */
    public PModule addBuiltins(Class<?> cls) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            for (Method m : cls.getMethods()) {
                Builtin b = m.getAnnotation(Builtin.class);
                if (b == null || !Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Signature sig = Signature.parse(b.value());
                if (sig.names.length != m.getParameterCount()) {
                    throw new IllegalStateException("@Builtin " + b.value() + " does not match " + m);
                }
                MethodHandle h = lookup.unreflect(m)
                        .asType(java.lang.invoke.MethodType.genericMethodType(sig.names.length))
                        .asSpreader(Object[].class, sig.names.length);
                put(sig.name, new BuiltinFunction(sig, h, name + "." + sig.name));
            }
            Method init = null;
            try {
                init = cls.getMethod("init", PModule.class);
            } catch (NoSuchMethodException e) {
                // no constants
            }
            if (init != null) {
                init.invoke(null, this);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    @Override
    public String typeName() {
        return "module";
    }

    @Override
    public String repr() {
        return "<module '" + name + "'>";
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> getLanguage() {
        return jaxon.JaxonLanguage.class;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        return new PTuple(attributes.keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return attributes.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        Object v = attributes.get(member);
        if (v == null) {
            throw UnknownIdentifierException.create(member);
        }
        return v;
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberModifiable(String member) {
        return attributes.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInsertable(String member) {
        return !attributes.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) {
        attributes.put(member, Interop.toJaxon(value));
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return repr();
    }
}
