package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import jaxon.ast.Span;

/** Base of Jaxon's nodes: remembers the character range of the syntax it came from. */
public abstract class JaxonNode extends Node {
    private int sourceStart = -1;
    private int sourceLength;

    public final <T extends JaxonNode> T at(Span span) {
        if (span != null && span != Span.NONE) {
            this.sourceStart = span.start();
            this.sourceLength = span.end() - span.start();
        }
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    @Override
    @TruffleBoundary
    public SourceSection getSourceSection() {
        if (sourceStart < 0) {
            return null;
        }
        RootNode root = getRootNode();
        SourceSection rootSection = root == null ? null : root.getSourceSection();
        if (rootSection == null) {
            return null;
        }
        return rootSection.getSource().createSection(sourceStart, sourceLength);
    }
}
