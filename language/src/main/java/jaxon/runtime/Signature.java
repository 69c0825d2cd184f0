package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python parameter list, and the binding of call arguments to it with Python's rules and error
 * messages. Used by builtins and by functions written in Jaxon.
 */
public final class Signature {
    public final String name;
    /** Parameter names in binding order: positional, then *args (if any), keyword-only, then **kwargs (if any). */
    public final String[] names;
    /** Default per parameter, or null when required. */
    public final Object[] defaults;
    /** Number of parameters that can be given positionally. */
    public final int positionalCount;
    public final int varargsIndex;
    public final int kwargsIndex;

    public Signature(String name, String[] names, Object[] defaults, int positionalCount, int varargsIndex, int kwargsIndex) {
        this.name = name;
        this.names = names;
        this.defaults = defaults;
        this.positionalCount = positionalCount;
        this.varargsIndex = varargsIndex;
        this.kwargsIndex = kwargsIndex;
    }

    /** Parses "name(a, b=1, *args, c=None, **kw)". */
    public static Signature parse(String text) {
        int open = text.indexOf('(');
        String name = text.substring(0, open).trim();
        String inner = text.substring(open + 1, text.lastIndexOf(')')).trim();
        List<String> names = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        int positional = -1;
        int varargs = -1;
        int kwargs = -1;
        for (String part : splitTopLevel(inner)) {
            part = part.trim();
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("**")) {
                kwargs = names.size();
                names.add(part.substring(2));
                defaults.add(null);
            } else if (part.startsWith("*")) {
                positional = names.size();
                if (part.length() > 1) {
                    varargs = names.size();
                    names.add(part.substring(1));
                    defaults.add(null);
                }
            } else {
                int eq = part.indexOf('=');
                names.add(eq < 0 ? part : part.substring(0, eq).trim());
                defaults.add(eq < 0 ? null : parseDefault(part.substring(eq + 1).trim()));
            }
        }
        if (positional < 0) {
            positional = kwargs < 0 ? names.size() : kwargs;
        }
        return new Signature(name, names.toArray(new String[0]), defaults.toArray(), positional, varargs, kwargs);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static Object parseDefault(String d) {
        switch (d) {
            case "None":
                return PNone.NONE;
            case "True":
                return true;
            case "False":
                return false;
            case "()":
                return PTuple.EMPTY;
            default:
                break;
        }
        if (d.startsWith("'")) {
            return d.substring(1, d.length() - 1).replace("\\n", "\n");
        }
        if (d.matches("-?\\d+")) {
            return Long.parseLong(d);
        }
        return Double.parseDouble(d);
    }

    /**
     * Binds positional arguments and keyword arguments (parallel arrays; kwNames may be null) to the
     * parameters, filling in defaults. Raises Python's TypeError for missing, surplus or unknown ones.
     */
    @TruffleBoundary
    public Object[] bind(Object[] args, String[] kwNames, Object[] kwValues) {
        Object[] bound = new Object[names.length];
        int nPos = Math.min(args.length, positionalCount);
        System.arraycopy(args, 0, bound, 0, nPos);
        if (args.length > positionalCount) {
            if (varargsIndex < 0) {
                throw Errors.typeError(name + "() takes " + positionalDescription() + " but " + args.length
                        + (args.length == 1 ? " was" : " were") + " given");
            }
        }
        if (varargsIndex >= 0) {
            Object[] rest = new Object[Math.max(0, args.length - positionalCount)];
            System.arraycopy(args, nPos, rest, 0, rest.length);
            bound[varargsIndex] = new PTuple(rest);
        }
        PDict extra = kwargsIndex >= 0 ? new PDict() : null;
        if (kwNames != null) {
            for (int k = 0; k < kwNames.length; k++) {
                int idx = indexOf(kwNames[k]);
                if (idx < 0 || idx == varargsIndex || idx == kwargsIndex) {
                    if (extra == null) {
                        throw Errors.typeError(name + "() got an unexpected keyword argument '" + kwNames[k] + "'");
                    }
                    extra.put(kwNames[k], kwValues[k]);
                } else if (bound[idx] != null) {
                    throw Errors.typeError(name + "() got multiple values for argument '" + kwNames[k] + "'");
                } else {
                    bound[idx] = kwValues[k];
                }
            }
        }
        if (kwargsIndex >= 0) {
            bound[kwargsIndex] = extra;
        }
        List<String> missing = null;
        for (int i = 0; i < names.length; i++) {
            if (bound[i] == null) {
                if (defaults[i] == null) {
                    if (missing == null) {
                        missing = new ArrayList<>();
                    }
                    missing.add(names[i]);
                } else {
                    bound[i] = defaults[i];
                }
            }
        }
        if (missing != null) {
            throw missingArguments(missing);
        }
        return bound;
    }

    private JaxonException missingArguments(List<String> missing) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < missing.size(); i++) {
            if (i > 0) {
                sb.append(missing.size() == 2 ? " and " : i == missing.size() - 1 ? ", and " : ", ");
            }
            sb.append('\'').append(missing.get(i)).append('\'');
        }
        return Errors.typeError(name + "() missing " + missing.size() + " required positional argument"
                + (missing.size() == 1 ? "" : "s") + ": " + sb);
    }

    private String positionalDescription() {
        int required = 0;
        for (int i = 0; i < positionalCount; i++) {
            if (defaults[i] == null) {
                required++;
            }
        }
        String count = required == positionalCount ? String.valueOf(positionalCount) : "from " + required + " to " + positionalCount;
        return count + " positional argument" + (positionalCount == 1 && required == positionalCount ? "" : "s");
    }

    public int indexOf(String param) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(param)) {
                return i;
            }
        }
        return -1;
    }
}
