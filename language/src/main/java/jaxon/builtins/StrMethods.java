package jaxon.builtins;

import java.util.Locale;
import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PDict;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.format.PyFormat;

/** Methods of str. */
public final class StrMethods {
    private StrMethods() {
    }

    private static String s(Object self) {
        return (String) self;
    }

    @Builtin("join(self, iterable)")
    public static Object join(Object self, Object iterable) {
        StringBuilder sb = new StringBuilder();
        Object[] items = Iteration.toArray(iterable);
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof String str)) {
                throw Errors.typeError("sequence item " + i + ": expected str instance, " + PyObjects.typeName(items[i]) + " found");
            }
            sb.append(i > 0 ? s(self) : "").append(str);
        }
        return sb.toString();
    }

    @Builtin("split(self, sep=None, maxsplit=-1)")
    public static Object split(Object self, Object sep, Object maxsplit) {
        String str = s(self);
        long max = PyObjects.toLong(maxsplit);
        PList out = new PList();
        if (sep == PNone.NONE) {
            int i = 0;
            int n = str.length();
            while (true) {
                while (i < n && Character.isWhitespace(str.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (max >= 0 && out.size() == max) {
                    out.items.add(str.substring(i).stripTrailing());
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(str.charAt(j))) {
                    j++;
                }
                out.items.add(str.substring(i, j));
                i = j;
            }
            return out;
        }
        String sp = (String) sep;
        if (sp.isEmpty()) {
            throw Errors.valueError("empty separator");
        }
        int start = 0;
        int idx;
        while ((max < 0 || out.size() < max) && (idx = str.indexOf(sp, start)) >= 0) {
            out.items.add(str.substring(start, idx));
            start = idx + sp.length();
        }
        out.items.add(str.substring(start));
        return out;
    }

    @Builtin("strip(self, chars=None)")
    public static Object strip(Object self, Object chars) {
        return rstrip(lstrip(self, chars), chars);
    }

    @Builtin("lstrip(self, chars=None)")
    public static Object lstrip(Object self, Object chars) {
        String str = s(self);
        int i = 0;
        while (i < str.length() && stripped(str.charAt(i), chars)) {
            i++;
        }
        return str.substring(i);
    }

    @Builtin("rstrip(self, chars=None)")
    public static Object rstrip(Object self, Object chars) {
        String str = s(self);
        int j = str.length();
        while (j > 0 && stripped(str.charAt(j - 1), chars)) {
            j--;
        }
        return str.substring(0, j);
    }

    private static boolean stripped(char c, Object chars) {
        return chars == PNone.NONE ? Character.isWhitespace(c) : ((String) chars).indexOf(c) >= 0;
    }

    @Builtin("upper(self)")
    public static Object upper(Object self) {
        return s(self).toUpperCase(Locale.ROOT);
    }

    @Builtin("lower(self)")
    public static Object lower(Object self) {
        return s(self).toLowerCase(Locale.ROOT);
    }

    @Builtin("capitalize(self)")
    public static Object capitalize(Object self) {
        String str = s(self);
        return str.isEmpty() ? str : str.substring(0, 1).toUpperCase(Locale.ROOT) + str.substring(1).toLowerCase(Locale.ROOT);
    }

    @Builtin("title(self)")
    public static Object title(Object self) {
        StringBuilder sb = new StringBuilder();
        boolean prevLetter = false;
        for (char c : s(self).toCharArray()) {
            sb.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return sb.toString();
    }

    @Builtin("replace(self, old, new, count=-1)")
    public static Object replace(Object self, Object old, Object replacement, Object count) {
        long n = PyObjects.toLong(count);
        String str = s(self);
        if (n < 0) {
            return str.replace((String) old, (String) replacement);
        }
        StringBuilder sb = new StringBuilder();
        int start = 0;
        int idx;
        while (n-- > 0 && (idx = str.indexOf((String) old, start)) >= 0) {
            sb.append(str, start, idx).append((String) replacement);
            start = idx + ((String) old).length();
        }
        return sb.append(str.substring(start)).toString();
    }

    @Builtin("startswith(self, prefix)")
    public static Object startswith(Object self, Object prefix) {
        if (prefix instanceof PTuple t) {
            for (Object p : t.items()) {
                if (s(self).startsWith((String) p)) {
                    return true;
                }
            }
            return false;
        }
        return s(self).startsWith((String) prefix);
    }

    @Builtin("endswith(self, suffix)")
    public static Object endswith(Object self, Object suffix) {
        if (suffix instanceof PTuple t) {
            for (Object p : t.items()) {
                if (s(self).endsWith((String) p)) {
                    return true;
                }
            }
            return false;
        }
        return s(self).endsWith((String) suffix);
    }

    @Builtin("find(self, sub, start=None, end=None)")
    public static Object find(Object self, Object sub, Object start, Object end) {
        String str = s(self);
        int from = bound(start, str.length(), 0);
        int to = bound(end, str.length(), str.length());
        int i = str.substring(0, Math.max(from, to)).indexOf((String) sub, from);
        return (long) (i >= 0 && i + ((String) sub).length() <= to ? i : -1);
    }

    private static int bound(Object v, int length, int dflt) {
        if (v == PNone.NONE) {
            return dflt;
        }
        long i = PyObjects.toLong(v);
        return (int) Math.max(0, Math.min(length, i < 0 ? i + length : i));
    }

    @Builtin("index(self, sub, start=None, end=None)")
    public static Object index(Object self, Object sub, Object start, Object end) {
        int i = (int) (long) (Long) find(self, sub, start, end);
        if (i < 0) {
            throw Errors.valueError("substring not found");
        }
        return (long) i;
    }

    @Builtin("count(self, sub)")
    public static Object count(Object self, Object sub) {
        String str = s(self);
        String t = (String) sub;
        if (t.isEmpty()) {
            return (long) str.length() + 1;
        }
        long n = 0;
        for (int i = str.indexOf(t); i >= 0; i = str.indexOf(t, i + t.length())) {
            n++;
        }
        return n;
    }

    @Builtin("isdigit(self)")
    public static Object isdigit(Object self) {
        return !s(self).isEmpty() && s(self).chars().allMatch(Character::isDigit);
    }

    @Builtin("isalpha(self)")
    public static Object isalpha(Object self) {
        return !s(self).isEmpty() && s(self).chars().allMatch(Character::isLetter);
    }

    @Builtin("isupper(self)")
    public static Object isupper(Object self) {
        return s(self).chars().anyMatch(Character::isLetter) && s(self).chars().noneMatch(Character::isLowerCase);
    }

    @Builtin("islower(self)")
    public static Object islower(Object self) {
        return s(self).chars().anyMatch(Character::isLetter) && s(self).chars().noneMatch(Character::isUpperCase);
    }

    @Builtin("isalnum(self)")
    public static Object isalnum(Object self) {
        return !s(self).isEmpty() && s(self).chars().allMatch(Character::isLetterOrDigit);
    }

    @Builtin("rfind(self, sub)")
    public static Object rfind(Object self, Object sub) {
        return (long) s(self).lastIndexOf((String) sub);
    }

    @Builtin("splitlines(self)")
    public static Object splitlines(Object self) {
        PList out = new PList();
        for (String line : s(self).split("\\r?\\n", -1)) {
            out.items.add(line);
        }
        if (!out.items.isEmpty() && ((String) out.items.get(out.size() - 1)).isEmpty()) {
            out.items.remove(out.size() - 1);
        }
        return out;
    }

    @Builtin("swapcase(self)")
    public static Object swapcase(Object self) {
        StringBuilder sb = new StringBuilder();
        for (char c : s(self).toCharArray()) {
            sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    @Builtin("isspace(self)")
    public static Object isspace(Object self) {
        return !s(self).isEmpty() && s(self).chars().allMatch(Character::isWhitespace);
    }

    @Builtin("center(self, width, fillchar=' ')")
    public static Object center(Object self, Object width, Object fill) {
        return PyFormat.format(self, fill + "^" + PyObjects.toLong(width));
    }

    @Builtin("ljust(self, width, fillchar=' ')")
    public static Object ljust(Object self, Object width, Object fill) {
        return PyFormat.format(self, fill + "<" + PyObjects.toLong(width));
    }

    @Builtin("rjust(self, width, fillchar=' ')")
    public static Object rjust(Object self, Object width, Object fill) {
        return PyFormat.format(self, fill + ">" + PyObjects.toLong(width));
    }

    @Builtin("zfill(self, width)")
    public static Object zfill(Object self, Object width) {
        String str = s(self);
        int w = (int) PyObjects.toLong(width);
        if (str.length() >= w) {
            return str;
        }
        boolean sign = !str.isEmpty() && (str.charAt(0) == '-' || str.charAt(0) == '+');
        String zeros = "0".repeat(w - str.length());
        return sign ? str.charAt(0) + zeros + str.substring(1) : zeros + str;
    }

    @Builtin("format(self, *args, **kwargs)")
    public static Object format(Object self, Object args, Object kwargs) {
        return StrFormat.format(s(self), ((PTuple) args).items(), (PDict) kwargs);
    }
}
