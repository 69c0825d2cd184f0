package jaxon.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/** An expression: evaluates to a Jaxon value. */
public abstract class ExprNode extends JaxonNode {
    public abstract Object execute(VirtualFrame frame);
}
