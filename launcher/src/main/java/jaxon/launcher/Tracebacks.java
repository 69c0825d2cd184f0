package jaxon.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** The text CPython prints for an uncaught exception, built from a polyglot exception. */
public final class Tracebacks {
    private Tracebacks() {
    }

    public static String format(PolyglotException e) {
        if (e.isInternalError() || e.isHostException()) {
            StringWriter sw = new StringWriter();
            sw.append("Internal error in Jaxon (this is a bug, please report it):\n");
            e.printStackTrace(new PrintWriter(sw));
            return sw.toString();
        }
        StringBuilder sb = new StringBuilder();
        if (e.isSyntaxError()) {
            SourceSection s = e.getSourceLocation();
            if (s != null) {
                sb.append("  File \"").append(path(s)).append("\", line ").append(s.getStartLine()).append('\n');
                String line = lineText(s);
                String stripped = line.stripLeading();
                int indent = line.length() - stripped.length();
                sb.append("    ").append(stripped.stripTrailing()).append('\n');
                int caret = s.getStartColumn() - 1 - indent;
                if (caret >= 0) { // CPython prints no caret when the error points into the indentation
                    sb.append("    ").append(" ".repeat(caret)).append("^\n");
                }
            }
            return sb.append(e.getMessage()).append('\n').toString();
        }
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame() || f.getSourceLocation() == null) {
                continue;
            }
            SourceSection s = f.getSourceLocation();
            frames.add("  File \"" + path(s) + "\", line " + s.getStartLine() + ", in " + f.getRootName() + "\n    "
                    + lineText(s).strip() + "\n");
        }
        if (!frames.isEmpty()) {
            sb.append("Traceback (most recent call last):\n");
            for (int i = frames.size() - 1; i >= 0; i--) {
                sb.append(frames.get(i));
            }
        }
        return sb.append(e.getMessage()).append('\n').toString();
    }

    private static String path(SourceSection s) {
        String p = s.getSource().getPath();
        return p != null ? p : s.getSource().getName();
    }

    private static String lineText(SourceSection s) {
        try {
            return s.getSource().getCharacters(s.getStartLine()).toString();
        } catch (RuntimeException ex) {
            return s.getCharacters().toString();
        }
    }
}
