package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import jaxon.runtime.JaxonException;

/**
 * A statement. Errors raised by Java code (builtins, array operations) carry no node; the statement
 * that ran them gives them its location, so tracebacks name the right line.
 */
public abstract class StmtNode extends JaxonNode {
    public final void execute(VirtualFrame frame) {
        try {
            executeStatement(frame);
        } catch (JaxonException e) {
            if (e.getLocation() == null) {
                CompilerDirectives.transferToInterpreter();
                throw e.locatedAt(this);
            }
            throw e;
        } catch (StackOverflowError e) {
            CompilerDirectives.transferToInterpreter();
            throw jaxon.runtime.Errors.raise(jaxon.runtime.PyExceptionType.RECURSION_ERROR, "maximum recursion depth exceeded").locatedAt(this);
        }
    }

    protected abstract void executeStatement(VirtualFrame frame);
}
