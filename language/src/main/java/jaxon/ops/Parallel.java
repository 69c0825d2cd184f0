package jaxon.ops;

import java.util.stream.IntStream;

/** Loops of the eager kernels split across the cores when they are long enough to pay for it. */
public final class Parallel {
    private Parallel() {
    }

    /** Work items below this many elements run on the calling thread. */
    static final int CHUNK = 1 << 16;

    public interface Range {
        void run(int from, int to);
    }

    /** Runs body over [0, n) in chunks, in parallel when n is large. */
    public static void forChunks(int n, Range body) {
        if (n <= CHUNK) {
            body.run(0, n);
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }
}
