package jaxon.ops;

import jaxon.runtime.DType;
import jaxon.runtime.NDArray;

/**
 * JAX's type promotion for Jaxon's dtypes with x64 disabled
 * (https://docs.jax.dev/en/latest/type_promotion.html). Python scalars are weakly typed: a weak
 * operand takes the other operand's dtype when that dtype's kind (bool < int < float) is at least
 * its own; otherwise the result is the weak default type of the scalar's kind (int32 or float32).
 */
public final class Promotion {
    private Promotion() {
    }

    /** A dtype with its weakness. */
    public record Type(DType dtype, boolean weak) {
    }

    static int kind(DType d) {
        return switch (d) {
            case BOOL -> 0;
            case INT32, UINT32 -> 1;
            case FLOAT32 -> 2;
        };
    }

    public static Type result(NDArray a, NDArray b) {
        return result(a.dtype, a.weakType, b.dtype, b.weakType);
    }

    public static Type result(DType a, boolean aWeak, DType b, boolean bWeak) {
        if (aWeak && bWeak) {
            return new Type(kind(a) >= kind(b) ? a : b, true);
        }
        if (aWeak || bWeak) {
            DType weak = aWeak ? a : b;
            DType strong = aWeak ? b : a;
            return kind(strong) >= kind(weak) ? new Type(strong, false) : new Type(weak, true);
        }
        if (a == b) {
            return new Type(a, false);
        }
        if (kind(a) != kind(b)) {
            return new Type(kind(a) > kind(b) ? a : b, false);
        }
        return new Type(DType.INT32, false); // int32 with uint32: int64 in JAX, int32 without x64
    }

    /** The dtype of an inexact result (true division, sin of ints): float32 for everything here. */
    public static DType inexact(DType d) {
        return DType.FLOAT32;
    }
}
