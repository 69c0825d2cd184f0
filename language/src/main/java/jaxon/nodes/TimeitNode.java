package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import jaxon.JaxonContext;

/**
 * IPython's {@code %timeit [-n N] [-r R] statement}: picks a loop count that takes at least 0.2 s
 * (1, 10, 100, ...) unless -n is given, runs R (default 7) repeats and prints IPython's line, e.g.
 * "27.1 µs ± 170 ns per loop (mean ± std. dev. of 7 runs, 10,000 loops each)". Unlike IPython,
 * when it picks the loop count it first runs the statement for {@link #WARM_UP_SECONDS}: Graal
 * compiles hot code in the background, and the first fraction of a second would time Truffle's
 * interpreter, not the code. With -n it runs the statement exactly N x R times, as IPython does.
 */
public final class TimeitNode extends StmtNode {
    @Child private StmtNode body;
    private final int loopsOption;
    private final int repeat;

    public TimeitNode(StmtNode body, int loopsOption, int repeat) {
        this.body = body;
        this.loopsOption = loopsOption;
        this.repeat = repeat;
    }

    /** How long %timeit and jaxon.timeit run the statement before they measure it. */
    public static final double WARM_UP_SECONDS = 1.0;

    @Override
    protected void executeStatement(VirtualFrame frame) {
        long loops = loopsOption;
        if (loops <= 0) {
            for (double spent = 0; spent < WARM_UP_SECONDS; ) {
                spent += time(frame, 1);
            }
            loops = 1;
            for (long n = 1;; n *= 10) {
                if (time(frame, n) >= 0.2 || n >= 10_000_000L) {
                    loops = n;
                    break;
                }
            }
        }
        double[] perLoop = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            perLoop[r] = time(frame, loops) / loops;
        }
        report(perLoop, loops);
    }

    private double time(VirtualFrame frame, long loops) {
        long start = System.nanoTime();
        for (long i = 0; i < loops; i++) {
            body.execute(frame);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @TruffleBoundary
    private void report(double[] perLoop, long loops) {
        JaxonContext.get(this).write(line(perLoop, loops), null);
    }

    /** IPython's line for the per-loop times of the runs. */
    @TruffleBoundary
    public static String line(double[] perLoop, long loops) {
        double mean = 0;
        for (double t : perLoop) {
            mean += t;
        }
        mean /= perLoop.length;
        double var = 0;
        for (double t : perLoop) {
            var += (t - mean) * (t - mean);
        }
        double std = Math.sqrt(var / perLoop.length);
        return formatTime(mean) + " \u00b1 " + formatTime(std) + " per loop (mean \u00b1 std. dev. of " + perLoop.length + " run"
                + (perLoop.length == 1 ? "" : "s") + ", " + String.format("%,d", loops) + " loop" + (loops == 1 ? "" : "s") + " each)\n";
    }

    /** IPython's time formatting: three significant digits in s, ms, µs or ns. */
    public static String formatTime(double seconds) {
        String[] units = {"s", "ms", "\u00b5s", "ns"};
        double[] scale = {1, 1e3, 1e6, 1e9};
        int order = seconds > 0 ? Math.min(Math.max(-(int) Math.floor(Math.log10(seconds) / 3), 0), 3) : 3;
        double v = seconds * scale[order];
        return jaxon.runtime.format.PyFormat.format(v, ".3g") + " " + units[order];
    }
}
