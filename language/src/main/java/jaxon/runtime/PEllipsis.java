package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/** Python's Ellipsis ({@code ...}), used in indexing. */
public final class PEllipsis implements PyValue, TruffleObject {
    public static final PEllipsis INSTANCE = new PEllipsis();

    private PEllipsis() {
    }

    @Override
    public String typeName() {
        return "ellipsis";
    }

    @Override
    public String repr() {
        return "Ellipsis";
    }
}
