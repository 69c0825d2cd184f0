package jaxon.ops;

import jaxon.runtime.DType;

/**
 * Elementwise primitives of two operands: float32 and int32 kernels and the kind of result. The
 * lax name is the one JAX's errors use ("add got incompatible shapes for broadcasting").
 */
public enum BinaryPrim {
    ADD("add", "add", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return a + b;
        }

        @Override
        public int applyInt(int a, int b) {
            return a + b;
        }
    },
    SUB("subtract", "sub", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return a - b;
        }

        @Override
        public int applyInt(int a, int b) {
            return a - b;
        }
    },
    MUL("multiply", "mul", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return a * b;
        }

        @Override
        public int applyInt(int a, int b) {
            return a * b;
        }
    },
    DIV("divide", "div", Result.INEXACT) {
        @Override
        public float apply(float a, float b) {
            return a / b;
        }
    },
    FLOOR_DIVIDE("floor_divide", "div", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            // JAX's float divmod: from the truncated remainder, corrected toward -inf.
            float mod = a % b;
            float div = (a - mod) / b;
            if (mod != 0 && (b < 0) != (mod < 0)) {
                div -= 1;
            }
            return (float) Math.rint(div);
        }

        @Override
        public int applyInt(int a, int b) {
            // JAX: the truncated quotient, less one where the signs differ and the remainder is
            // not zero; XLA's division by zero gives -1 and its remainder by zero gives a.
            int q = b == 0 ? -1 : a / b;
            int r = b == 0 ? a : a % b;
            return Integer.signum(a) != Integer.signum(b) && r != 0 ? q - 1 : q;
        }
    },
    MOD("remainder", "rem", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            float mod = a % b;
            return mod != 0 && (mod < 0) != (b < 0) ? mod + b : mod;
        }

        @Override
        public int applyInt(int a, int b) {
            if (b == 0) {
                return 0; // what JAX 0.11.2 gives for an integer remainder by zero
            }
            int mod = a % b;
            return mod != 0 && (mod < 0) != (b < 0) ? mod + b : mod;
        }
    },
    /** C's fmod: the remainder of the division truncated toward zero, with the sign of a. */
    FMOD("fmod", "rem", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return a % b;
        }

        @Override
        public int applyInt(int a, int b) {
            return b == 0 ? a : a % b;
        }
    },
    POW("power", "pow", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return XlaMath.powf(a, b);
        }

        @Override
        public int applyInt(int a, int b) {
            if (b < 0) {
                return a == 1 ? 1 : a == -1 ? ((b & 1) == 0 ? 1 : -1) : 0;
            }
            int r = 1;
            int base = a;
            while (b > 0) {
                if ((b & 1) == 1) {
                    r *= base;
                }
                base *= base;
                b >>= 1;
            }
            return r;
        }
    },
    MAX("maximum", "max", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return a != a || b != b ? Float.NaN : Math.max(a, b);
        }

        @Override
        public int applyInt(int a, int b) {
            return Math.max(a, b);
        }
    },
    MIN("minimum", "min", Result.ARITH) {
        @Override
        public float apply(float a, float b) {
            return a != a || b != b ? Float.NaN : Math.min(a, b);
        }

        @Override
        public int applyInt(int a, int b) {
            return Math.min(a, b);
        }
    },
    ARCTAN2("arctan2", "atan2", Result.INEXACT) {
        @Override
        public float apply(float a, float b) {
            return XlaMath.atan2f(a, b);
        }
    },
    HYPOT("hypot", "hypot", Result.INEXACT) {
        @Override
        public float apply(float a, float b) {
            return (float) Math.hypot(a, b);
        }
    },
    EQ("equal", "eq", Result.COMPARE) {
        @Override
        public boolean compare(double a, double b) {
            return a == b;
        }
    },
    NE("not_equal", "ne", Result.COMPARE) {
        @Override
        public boolean compare(double a, double b) {
            return a != b;
        }
    },
    LT("less", "lt", Result.COMPARE) {
        @Override
        public boolean compare(double a, double b) {
            return a < b;
        }
    },
    LE("less_equal", "le", Result.COMPARE) {
        @Override
        public boolean compare(double a, double b) {
            return a <= b;
        }
    },
    GT("greater", "gt", Result.COMPARE) {
        @Override
        public boolean compare(double a, double b) {
            return a > b;
        }
    },
    GE("greater_equal", "ge", Result.COMPARE) {
        @Override
        public boolean compare(double a, double b) {
            return a >= b;
        }
    },
    LOGICAL_AND("logical_and", "and", Result.LOGICAL) {
        @Override
        public boolean logical(boolean a, boolean b) {
            return a && b;
        }
    },
    LOGICAL_OR("logical_or", "or", Result.LOGICAL) {
        @Override
        public boolean logical(boolean a, boolean b) {
            return a || b;
        }
    },
    LOGICAL_XOR("logical_xor", "xor", Result.LOGICAL) {
        @Override
        public boolean logical(boolean a, boolean b) {
            return a ^ b;
        }
    },
    BITWISE_AND("bitwise_and", "and", Result.BITWISE) {
        @Override
        public int applyInt(int a, int b) {
            return a & b;
        }
    },
    BITWISE_OR("bitwise_or", "or", Result.BITWISE) {
        @Override
        public int applyInt(int a, int b) {
            return a | b;
        }
    },
    BITWISE_XOR("bitwise_xor", "xor", Result.BITWISE) {
        @Override
        public int applyInt(int a, int b) {
            return a ^ b;
        }
    },
    LEFT_SHIFT("left_shift", "shift_left", Result.BITWISE) {
        @Override
        public int applyInt(int a, int b) {
            return b < 0 || b >= 32 ? 0 : a << b;
        }
    },
    RIGHT_SHIFT("right_shift", "shift_right_arithmetic", Result.BITWISE) {
        @Override
        public int applyInt(int a, int b) {
            return a >> Math.min(Math.max(b, 0), 31);
        }
    };

    /** How the result dtype follows from the promoted operand dtype. */
    public enum Result {
        /** The promoted dtype. */
        ARITH,
        /** float32 (true division, atan2). */
        INEXACT,
        /** bool, comparing in the promoted dtype. */
        COMPARE,
        /** bool, on the operands' truth values. */
        LOGICAL,
        /** The promoted dtype, integers and bools only. */
        BITWISE
    }

    public final String jnpName;
    public final String laxName;
    public final Result result;

    BinaryPrim(String jnpName, String laxName, Result result) {
        this.jnpName = jnpName;
        this.laxName = laxName;
        this.result = result;
    }

    public float apply(float a, float b) {
        throw jaxon.runtime.Errors.typeError(jnpName + " is only defined for integer and boolean arguments; got float32");
    }

    public int applyInt(int a, int b) {
        return (int) apply((float) a, (float) b);
    }

    public boolean compare(double a, double b) {
        throw new UnsupportedOperationException(name());
    }

    public boolean logical(boolean a, boolean b) {
        throw new UnsupportedOperationException(name());
    }

    /** The dtype the kernel computes in, given the promoted operand dtype. */
    public DType computeType(DType promoted) {
        return result == Result.INEXACT ? DType.FLOAT32 : promoted;
    }

    public DType resultType(DType promoted) {
        return switch (result) {
            case COMPARE, LOGICAL -> DType.BOOL;
            case INEXACT -> DType.FLOAT32;
            default -> promoted;
        };
    }

    /**
     * x ** n for a Python int n, as JAX's integer_pow computes it: square-and-multiply in float32
     * (x ** 3 is x * (x * x)), and 1 / x ** -n for negative n.
     */
    public static float integerPow(float x, long n) {
        if (n == 0) {
            return 1f;
        }
        long m = Math.abs(n);
        float acc = Float.NaN;
        boolean first = true;
        while (m > 0) {
            if ((m & 1) == 1) {
                acc = first ? x : acc * x;
                first = false;
            }
            m >>= 1;
            if (m > 0) {
                x = x * x;
            }
        }
        return n < 0 ? 1f / acc : acc;
    }
}
