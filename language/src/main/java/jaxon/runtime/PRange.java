package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/** range(start, stop, step), lazy. */
public final class PRange implements PyValue, TruffleObject {
    public final long start;
    public final long stop;
    public final long step;

    public PRange(long start, long stop, long step) {
        if (step == 0) {
            throw Errors.valueError("range() arg 3 must not be zero");
        }
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    public long length() {
        if (step > 0) {
            return stop > start ? (stop - start + step - 1) / step : 0;
        }
        return start > stop ? (start - stop - step - 1) / -step : 0;
    }

    public long get(long i) {
        return start + i * step;
    }

    @Override
    public String typeName() {
        return "range";
    }

    @Override
    public String repr() {
        return step == 1 ? "range(" + start + ", " + stop + ")" : "range(" + start + ", " + stop + ", " + step + ")";
    }
}
