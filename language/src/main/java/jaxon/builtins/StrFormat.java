package jaxon.builtins;

import jaxon.runtime.Attributes;
import jaxon.runtime.Errors;
import jaxon.runtime.PDict;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Subscripts;
import jaxon.runtime.format.PyFormat;

/** str.format: replacement fields {}, {0}, {name}, {name.attr}, {name[0]}, with !r/!s and format specs. */
final class StrFormat {
    private StrFormat() {
    }

    static String format(String template, Object[] args, PDict kwargs) {
        StringBuilder out = new StringBuilder();
        int[] auto = {0};
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < n && template.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    char d = template.charAt(j);
                    depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                    j++;
                }
                if (depth != 0) {
                    throw Errors.valueError("expected '}' before end of string");
                }
                out.append(field(template.substring(i + 1, j - 1), args, kwargs, auto));
                i = j;
            } else if (c == '}') {
                if (i + 1 < n && template.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw Errors.valueError("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String field(String field, Object[] args, PDict kwargs, int[] auto) {
        String spec = "";
        char conversion = 0;
        int colon = indexOutsideBrackets(field, ':');
        if (colon >= 0) {
            spec = format(field.substring(colon + 1), args, kwargs);
            field = field.substring(0, colon);
        }
        int bang = field.indexOf('!');
        if (bang >= 0) {
            conversion = field.charAt(bang + 1);
            field = field.substring(0, bang);
        }
        int end = 0;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
            end++;
        }
        String head = field.substring(0, end);
        Object value;
        if (head.isEmpty()) {
            if (auto[0] >= args.length) {
                throw Errors.indexError("Replacement index " + auto[0] + " out of range for positional args tuple");
            }
            value = args[auto[0]++];
        } else if (head.chars().allMatch(Character::isDigit)) {
            int k = Integer.parseInt(head);
            if (k >= args.length) {
                throw Errors.indexError("Replacement index " + k + " out of range for positional args tuple");
            }
            value = args[k];
        } else {
            value = kwargs.get(head);
            if (value == null) {
                throw Errors.keyError(head);
            }
        }
        int p = end;
        while (p < field.length()) {
            if (field.charAt(p) == '.') {
                int q = p + 1;
                while (q < field.length() && field.charAt(q) != '.' && field.charAt(q) != '[') {
                    q++;
                }
                value = Attributes.get(value, field.substring(p + 1, q));
                p = q;
            } else {
                int q = field.indexOf(']', p);
                String key = field.substring(p + 1, q);
                value = Subscripts.get(value, key.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(key) : key);
                p = q + 1;
            }
        }
        if (conversion == 'r') {
            value = PyObjects.repr(value);
        } else if (conversion == 's') {
            value = PyObjects.str(value);
        }
        return PyFormat.format(value, spec);
    }

    private static int indexOutsideBrackets(String s, char target) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == target && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
