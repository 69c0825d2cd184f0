package jaxon.runtime.format;

/** Python's text for scalars: float repr and the format-spec mini-language. (Stub: being written.) */
public final class PyFormat {
    private PyFormat() {
    }

    /** repr(float) as Python prints it: shortest round-trip digits, '1.0', '1e-05', 'inf', 'nan'. */
    public static String reprFloat(double d) {
        return Double.toString(d);
    }

    /** format(value, spec) for int, float, bool and str values (f-strings, str.format). */
    public static String format(Object value, String spec) {
        return String.valueOf(value);
    }

    /** template % args, the printf-style str operator. */
    public static String percent(String template, Object args) {
        return template;
    }
}
