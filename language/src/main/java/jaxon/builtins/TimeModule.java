package jaxon.builtins;

import jaxon.runtime.Builtin;
import jaxon.runtime.PNone;
import jaxon.runtime.PyObjects;

/** The time module. */
public final class TimeModule {
    private TimeModule() {
    }

    @Builtin("time()")
    public static Object time() {
        return System.currentTimeMillis() / 1000.0;
    }

    @Builtin("perf_counter()")
    public static Object perfCounter() {
        return System.nanoTime() / 1e9;
    }

    @Builtin("perf_counter_ns()")
    public static Object perfCounterNs() {
        return System.nanoTime();
    }

    @Builtin("sleep(seconds)")
    public static Object sleep(Object seconds) {
        try {
            Thread.sleep((long) (PyObjects.toDouble(seconds) * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return PNone.NONE;
    }
}
