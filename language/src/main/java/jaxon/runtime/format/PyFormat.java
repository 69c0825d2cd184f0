package jaxon.runtime.format;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;

/** Python's text for numbers: float repr, format() with the format-spec mini-language, and %-formatting. */
public final class PyFormat {
    private PyFormat() {
    }

    /** repr(float): shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
    @TruffleBoundary
    public static String reprFloat(double d) {
        return Double.isFinite(d) ? shortestText(Digits.shortestDouble(d), Math.abs(d), 1e16) : nonFinite(d);
    }

    /**
     * str of a NumPy float32 scalar: float32's shortest digits, scientific below 1e-4 (compared in
     * double) and from 10**6 on (NumPy 2 bounds positional output by the type's decimal precision).
     */
    @TruffleBoundary
    public static String reprFloat32(float f) {
        return Float.isFinite(f) ? shortestText(Digits.shortestFloat(f), Math.abs((double) f), 1e6) : nonFinite(f);
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }

    private static String shortestText(Digits d, double abs, double positionalLimit) {
        if (abs == 0 || (abs >= 1e-4 && abs < positionalLimit)) {
            return d.positional(1, true);
        }
        String m = d.mantissa(0, false);
        return m + Digits.exponentText(d.scientificExponent(), 2);
    }

    /** A parsed format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]. */
    private record Spec(char fill, char align, char sign, boolean alternate, int width, char grouping, int precision, char type) {
        static Spec parse(String s) {
            int i = 0;
            char fill = ' ';
            char align = 0;
            if (s.length() >= 2 && "<>=^".indexOf(s.charAt(1)) >= 0) {
                fill = s.charAt(0);
                align = s.charAt(1);
                i = 2;
            } else if (!s.isEmpty() && "<>=^".indexOf(s.charAt(0)) >= 0) {
                align = s.charAt(0);
                i = 1;
            }
            char sign = '-';
            if (i < s.length() && "+- ".indexOf(s.charAt(i)) >= 0) {
                sign = s.charAt(i++);
            }
            if (i < s.length() && s.charAt(i) == 'z') {
                i++;
            }
            boolean alternate = false;
            if (i < s.length() && s.charAt(i) == '#') {
                alternate = true;
                i++;
            }
            if (i < s.length() && s.charAt(i) == '0') {
                if (align == 0) {
                    fill = '0';
                    align = '=';
                }
                i++;
            }
            int width = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                width = width * 10 + (s.charAt(i++) - '0');
            }
            char grouping = 0;
            if (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == '_')) {
                grouping = s.charAt(i++);
            }
            int precision = -1;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                precision = 0;
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    precision = precision * 10 + (s.charAt(i++) - '0');
                }
                if (i == start) {
                    throw Errors.valueError("Format specifier missing precision");
                }
            }
            char type = 0;
            if (i < s.length()) {
                type = s.charAt(i++);
            }
            if (i < s.length()) {
                throw Errors.valueError("Invalid format specifier '" + s + "'");
            }
            return new Spec(fill, align, sign, alternate, width, grouping, precision, type);
        }
    }

    /** format(value, spec). 0-d arrays format their Python scalar, as JAX arrays do. */
    @TruffleBoundary
    public static String format(Object value, String specText) {
        if (value instanceof NDArray a) {
            if (specText.isEmpty()) {
                return PyObjects.str(a);
            }
            if (a.size() != 1) {
                throw Errors.typeError("unsupported format string passed to ArrayImpl.__format__");
            }
            value = a.getPython(0);
        }
        Spec spec = Spec.parse(specText);
        if (value instanceof Boolean b && spec.type == 0 && spec.precision < 0) {
            return align(b ? "True" : "False", spec, '<');
        }
        if (value instanceof Long || value instanceof Boolean) {
            long v = PyObjects.toLong(value);
            if ("eEfFgG%".indexOf(spec.type == 0 ? '?' : spec.type) >= 0) {
                return formatFloat((double) v, spec);
            }
            return formatInt(v, spec);
        }
        if (value instanceof Double d) {
            return formatFloat(d, spec);
        }
        if (value instanceof String s) {
            if (spec.type != 0 && spec.type != 's') {
                throw Errors.valueError("Unknown format code '" + spec.type + "' for object of type 'str'");
            }
            if (spec.sign != '-') {
                throw Errors.valueError("Sign not allowed in string format specifier");
            }
            String t = spec.precision >= 0 && spec.precision < s.length() ? s.substring(0, spec.precision) : s;
            return align(t, spec, '<');
        }
        if (specText.isEmpty()) {
            return PyObjects.str(value);
        }
        throw Errors.typeError("unsupported format string passed to " + PyObjects.typeName(value) + ".__format__");
    }

    private static String formatInt(long v, Spec spec) {
        if (spec.precision >= 0) {
            throw Errors.valueError("Precision not allowed in integer format specifier");
        }
        String digits;
        String prefix = "";
        long abs = Math.abs(v);
        switch (spec.type) {
            case 0, 'd', 'n' -> digits = group(Long.toString(abs).replace("-", ""), spec.grouping, 3);
            case 'b' -> {
                digits = group(Long.toBinaryString(abs), spec.grouping, 4);
                prefix = spec.alternate ? "0b" : "";
            }
            case 'o' -> {
                digits = group(Long.toOctalString(abs), spec.grouping, 4);
                prefix = spec.alternate ? "0o" : "";
            }
            case 'x' -> {
                digits = group(Long.toHexString(abs), spec.grouping, 4);
                prefix = spec.alternate ? "0x" : "";
            }
            case 'X' -> {
                digits = group(Long.toHexString(abs).toUpperCase(), spec.grouping, 4);
                prefix = spec.alternate ? "0X" : "";
            }
            case 'c' -> {
                return align(new String(Character.toChars((int) v)), spec, '<');
            }
            default -> throw Errors.valueError("Unknown format code '" + spec.type + "' for object of type 'int'");
        }
        return number(v < 0, prefix + digits, spec);
    }

    private static String formatFloat(double v, Spec spec) {
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String body;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            body = Double.isNaN(v) ? "nan" : "inf";
            if (Character.isUpperCase(spec.type)) {
                body = body.toUpperCase();
            }
            return number(Double.isInfinite(v) && v < 0, body + (spec.type == '%' ? "%" : ""), spec);
        }
        double abs = Math.abs(v);
        int p = spec.precision;
        switch (spec.type) {
            case 'f', 'F' -> body = fixed(abs, p < 0 ? 6 : p, spec.alternate);
            case '%' -> body = fixed(abs * 100, p < 0 ? 6 : p, spec.alternate) + "%";
            case 'e', 'E' -> body = scientific(abs, p < 0 ? 6 : p, spec.alternate, spec.type);
            case 'g', 'G', 'n' -> body = general(abs, p < 0 ? 6 : Math.max(p, 1), spec.alternate, false, spec.type == 'G' ? 'E' : 'e');
            case 0 -> body = p < 0 ? reprFloat(abs) : general(abs, Math.max(p, 1), spec.alternate, true, 'e');
            default -> throw Errors.valueError("Unknown format code '" + spec.type + "' for object of type 'float'");
        }
        if (spec.grouping != 0) {
            int end = body.indexOf('.');
            if (end < 0) {
                end = body.indexOf('e') >= 0 ? body.indexOf('e') : body.length();
            }
            if (body.charAt(0) != 'i' && body.charAt(0) != 'n') {
                body = group(body.substring(0, end), spec.grouping, 3) + body.substring(end);
            }
        }
        return number(negative, body, spec);
    }

    private static String fixed(double abs, int precision, boolean alternate) {
        String s = new BigDecimal(abs).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return precision == 0 && alternate ? s + "." : s;
    }

    private static String scientific(double abs, int precision, boolean alternate, char e) {
        Digits d = Digits.exact(abs);
        if (!d.isZero()) {
            d = Digits.of(false, d.value().round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN)));
        }
        String m = d.mantissa(precision, alternate);
        return m + (e == 'E' ? Digits.exponentText(d.scientificExponent(), 2).toUpperCase() : Digits.exponentText(d.scientificExponent(), 2));
    }

    /** 'g': precision significant digits, fixed or scientific by the exponent, trailing zeros removed. */
    private static String general(double abs, int precision, boolean alternate, boolean noType, char e) {
        Digits d = Digits.exact(abs);
        if (!d.isZero()) {
            d = Digits.of(false, d.value().round(new java.math.MathContext(precision, RoundingMode.HALF_EVEN)));
        }
        int exp = d.scientificExponent();
        if (exp >= -4 && exp < (noType ? Math.max(precision, 1) : precision)) {
            int fraction = Math.max(precision - 1 - exp, 0);
            String s = d.positional(alternate ? fraction : 0, alternate);
            if (noType && s.indexOf('.') < 0) {
                s += ".0"; // format(1.0, '.3') keeps a fraction digit, like repr
            }
            return s;
        }
        String m = d.mantissa(alternate ? precision - 1 : 0, alternate);
        return m + (e == 'E' ? Digits.exponentText(exp, 2).toUpperCase() : Digits.exponentText(exp, 2));
    }

    private static String group(String digits, char sep, int size) {
        if (sep == 0 || digits.length() <= size) {
            return digits;
        }
        StringBuilder sb = new StringBuilder();
        int first = digits.length() % size;
        if (first > 0) {
            sb.append(digits, 0, first);
        }
        for (int i = first; i < digits.length(); i += size) {
            if (sb.length() > 0) {
                sb.append(sep);
            }
            sb.append(digits, i, i + size);
        }
        return sb.toString();
    }

    private static String number(boolean negative, String body, Spec spec) {
        String sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
        if (spec.align == '=' || spec.align == 0 && spec.fill == '0') {
            int padding = spec.width - sign.length() - body.length();
            return sign + (padding > 0 ? String.valueOf(spec.fill).repeat(padding) : "") + body;
        }
        return align(sign + body, spec, '>');
    }

    private static String align(String s, Spec spec, char defaultAlign) {
        int padding = spec.width - s.codePointCount(0, s.length());
        if (padding <= 0) {
            return s;
        }
        String f = String.valueOf(spec.fill);
        return switch (spec.align == 0 ? defaultAlign : spec.align) {
            case '<' -> s + f.repeat(padding);
            case '^' -> f.repeat(padding / 2) + s + f.repeat(padding - padding / 2);
            default -> f.repeat(padding) + s;
        };
    }

    /** template % args: %s %r %d %i %f %e %g %x %o %c %% with flags, width and precision. */
    @TruffleBoundary
    public static String percent(String template, Object args) {
        Object[] values = args instanceof PTuple t ? t.items() : new Object[]{args};
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            StringBuilder flags = new StringBuilder();
            while (j < template.length() && "-+ 0#".indexOf(template.charAt(j)) >= 0) {
                flags.append(template.charAt(j++));
            }
            int start = j;
            while (j < template.length() && (Character.isDigit(template.charAt(j)) || template.charAt(j) == '.')) {
                j++;
            }
            String widthPrecision = template.substring(start, j);
            if (j >= template.length()) {
                throw Errors.valueError("incomplete format");
            }
            char conv = template.charAt(j);
            i = j;
            if (conv == '%') {
                out.append('%');
                continue;
            }
            if (next >= values.length) {
                throw Errors.typeError("not enough arguments for format string");
            }
            Object v = values[next++];
            String align = flags.indexOf("-") >= 0 ? "<" : "";
            String fill = flags.indexOf("0") >= 0 && align.isEmpty() ? "0" : "";
            String sign = flags.indexOf("+") >= 0 ? "+" : flags.indexOf(" ") >= 0 ? " " : "";
            String alt = flags.indexOf("#") >= 0 ? "#" : "";
            String spec = align + sign + alt + fill + widthPrecision;
            switch (conv) {
                case 's' -> out.append(format(PyObjects.str(v), align + widthPrecision));
                case 'r', 'a' -> out.append(format(PyObjects.repr(v), align + widthPrecision));
                case 'd', 'i', 'u' -> out.append(format(v instanceof Double d ? (long) (double) d : v instanceof NDArray a ? a.getLong(0) : v, spec + "d"));
                case 'f', 'F', 'e', 'E', 'g', 'G' -> out.append(format(PyObjects.toDouble(v instanceof NDArray a ? a.getPython(0) : v), spec + conv));
                case 'x', 'X', 'o' -> out.append(format(v, spec + conv));
                case 'c' -> out.append(v instanceof String s ? s : new String(Character.toChars((int) PyObjects.toLong(v))));
                default -> throw Errors.valueError("unsupported format character '" + conv + "' (0x" + Integer.toHexString(conv) + ")");
            }
        }
        if (next < values.length && args instanceof PTuple) {
            throw Errors.typeError("not all arguments converted during string formatting");
        }
        return out.toString();
    }

}
