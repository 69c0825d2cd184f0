package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InteropException;
import jaxon.ops.Convert;

/** Calling any callable value from Java code (the generic path; call nodes cache the common case). */
public final class Calls {
    private Calls() {
    }

    public static final String[] NO_KEYWORDS = new String[0];

    /** The frame arguments of a Jaxon function: the function itself, then its bound parameters. */
    public static Object[] frameArguments(PFunction f, Object[] args, String[] kwNames, Object[] kwValues) {
        Object[] bound = f.simpleSignature && (kwNames == null || kwNames.length == 0) && args.length == f.signature.names.length
                ? args
                : f.signature.bind(args, kwNames, kwValues);
        Object[] frameArgs = new Object[bound.length + 1];
        frameArgs[0] = f;
        System.arraycopy(bound, 0, frameArgs, 1, bound.length);
        return frameArgs;
    }

    @TruffleBoundary
    public static Object call(Object callee, Object... args) {
        return call(callee, args, null, null);
    }

    @TruffleBoundary
    public static Object call(Object callee, Object[] args, String[] kwNames, Object[] kwValues) {
        if (callee instanceof PFunction f) {
            return f.target.call(frameArguments(f, args, kwNames, kwValues));
        } else if (callee instanceof BuiltinFunction b) {
            return b.call(args, kwNames, kwValues);
        } else if (callee instanceof BoundMethod m) {
            Object[] all = new Object[args.length + 1];
            all[0] = m.self;
            System.arraycopy(args, 0, all, 1, args.length);
            return call(m.function, all, kwNames, kwValues);
        } else if (callee instanceof PPartial p) {
            Object[] all = new Object[p.args.length + args.length];
            System.arraycopy(p.args, 0, all, 0, p.args.length);
            System.arraycopy(args, 0, all, p.args.length, args.length);
            PDict kw = new PDict();
            for (Object[] e : p.keywords.entries()) {
                kw.put(e[0], e[1]);
            }
            if (kwNames != null) {
                for (int i = 0; i < kwNames.length; i++) {
                    kw.put(kwNames[i], kwValues[i]);
                }
            }
            String[] names = new String[kw.size()];
            Object[] values = new Object[kw.size()];
            int i = 0;
            for (Object[] e : kw.entries()) {
                names[i] = (String) e[0];
                values[i++] = e[1];
            }
            return call(p.func, all, names, values);
        } else if (callee instanceof PyExceptionType t) {
            if (kwNames != null && kwNames.length > 0) {
                throw Errors.typeError(t.name + "() takes no keyword arguments");
            }
            return new PyBaseException(t, new PTuple(args.clone()));
        } else if (callee instanceof ScalarType s) {
            if (args.length != 1) {
                throw Errors.typeError(s.dtype.jaxName + "() takes exactly one argument (" + args.length + " given)");
            }
            return Convert.asArray(args[0], s.dtype);
        } else if (callee instanceof Callable c) {
            return c.call(args, kwNames, kwValues);
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        if (interop.isExecutable(callee)) {
            try {
                return interop.execute(callee, args);
            } catch (InteropException e) {
                throw Errors.typeError("calling a foreign function failed: " + e.getMessage());
            }
        }
        throw Errors.typeError("'" + PyObjects.typeName(callee) + "' object is not callable");
    }

    /** Runtime values (e.g. transformed functions) that are callable by their own rule. */
    public interface Callable {
        Object call(Object[] args, String[] kwNames, Object[] kwValues);
    }
}
