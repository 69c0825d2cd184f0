package jaxon.builtins;

import jaxon.runtime.Builtin;
import jaxon.runtime.Calls;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PDict;
import jaxon.runtime.PPartial;
import jaxon.runtime.PTuple;

/** functools: partial and reduce. */
public final class FunctoolsModule {
    private FunctoolsModule() {
    }

    @Builtin("partial(func, *args, **keywords)")
    public static Object partial(Object func, Object args, Object keywords) {
        return new PPartial(func, ((PTuple) args).items(), (PDict) keywords);
    }

    @Builtin("reduce(function, iterable, *initial)")
    public static Object reduce(Object function, Object iterable, Object initial) {
        Object[] items = Iteration.toArray(iterable);
        PTuple init = (PTuple) initial;
        if (items.length == 0 && init.size() == 0) {
            throw Errors.typeError("reduce() of empty iterable with no initial value");
        }
        Object acc = init.size() > 0 ? init.get(0) : items[0];
        for (int i = init.size() > 0 ? 0 : 1; i < items.length; i++) {
            acc = Calls.call(function, acc, items[i]);
        }
        return acc;
    }
}
