package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/** A Python slice object (start:stop:step); absent parts are PNone.NONE. */
public final class PSlice implements PyValue, TruffleObject {
    public final Object start;
    public final Object stop;
    public final Object step;

    public PSlice(Object start, Object stop, Object step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    /**
     * Python's slice.indices(length): {start, stop, step, count} with negative and absent bounds
     * resolved and clipped as Python does.
     */
    public int[] indices(int length) {
        int st = step == PNone.NONE ? 1 : (int) PyObjects.toLong(step);
        if (st == 0) {
            throw Errors.valueError("slice step cannot be zero");
        }
        int lower = st < 0 ? -1 : 0;
        int upper = st < 0 ? length - 1 : length;
        int s = start == PNone.NONE ? (st < 0 ? upper : lower) : clip((int) PyObjects.toLong(start), length, lower, upper);
        int e = stop == PNone.NONE ? (st < 0 ? lower : upper) : clip((int) PyObjects.toLong(stop), length, lower, upper);
        int count = st > 0 ? (e > s ? (e - s + st - 1) / st : 0) : (s > e ? (s - e - st - 1) / -st : 0);
        return new int[]{s, e, st, count};
    }

    private static int clip(int i, int length, int lower, int upper) {
        if (i < 0) {
            i += length;
            return Math.max(i, lower);
        }
        return Math.min(i, upper);
    }

    @Override
    public String typeName() {
        return "slice";
    }

    @Override
    public String repr() {
        return "slice(" + PyObjects.repr(start) + ", " + PyObjects.repr(stop) + ", " + PyObjects.repr(step) + ")";
    }
}
