package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import jaxon.ops.FastMath;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The float32 functions of fused loops stay within 4 ulp of the correctly rounded result (Math in
 * double, rounded to float) over their ranges, at a million points each, and get the special
 * values right.
 */
class FastMathTest {
    private record Case(String name, Function<Float, Float> fast, DoubleUnaryOperator exact, float lo, float hi, boolean logScale) {
    }

    private static final Case[] CASES = {
        new Case("exp", FastMath::exp, Math::exp, -103f, 88.7f, false),
        new Case("exp near 0", FastMath::exp, Math::exp, -1f, 1f, false),
        new Case("log", FastMath::log, Math::log, 1e-44f, 3e38f, true),
        new Case("log near 1", FastMath::log, Math::log, 0.5f, 2f, false),
        new Case("sin", FastMath::sin, Math::sin, -8192f, 8192f, false),
        new Case("sin within the reduction range", FastMath::sin, Math::sin, -64f, 64f, false),
        new Case("sin near 0", FastMath::sin, Math::sin, -4f, 4f, false),
        new Case("cos", FastMath::cos, Math::cos, -8192f, 8192f, false),
        new Case("cos within the reduction range", FastMath::cos, Math::cos, -64f, 64f, false),
        new Case("cos near 0", FastMath::cos, Math::cos, -4f, 4f, false),
        new Case("tanh", FastMath::tanh, Math::tanh, -12f, 12f, false),
        new Case("tanh near 0", FastMath::tanh, Math::tanh, -1f, 1f, false),
    };

    @TestFactory
    Stream<DynamicTest> withinFourUlp() {
        return Stream.of(CASES).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            java.util.Random random = new java.util.Random(42);
            long worst = 0;
            float worstAt = 0;
            for (int i = 0; i < 1_000_000; i++) {
                double u = random.nextDouble();
                float x = c.logScale() ? (float) Math.exp(Math.log(c.lo()) + u * (Math.log(c.hi()) - Math.log(c.lo())))
                        : (float) (c.lo() + u * (c.hi() - c.lo()));
                float want = (float) c.exact().applyAsDouble(x);
                float got = c.fast().apply(x);
                long ulps = ulpDistance(want, got);
                if (ulps > worst) {
                    worst = ulps;
                    worstAt = x;
                }
            }
            assertTrue(worst <= 4, c.name() + ": " + worst + " ulp at " + worstAt);
        }));
    }

    /** Distance in representable floats (0 when equal; large across signs). */
    private static long ulpDistance(float a, float b) {
        if (a == b || (Float.isNaN(a) && Float.isNaN(b))) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        long ia = Float.floatToIntBits(a);
        long ib = Float.floatToIntBits(b);
        ia = ia < 0 ? Integer.MIN_VALUE - ia : ia;
        ib = ib < 0 ? Integer.MIN_VALUE - ib : ib;
        return Math.abs(ia - ib);
    }

    @org.junit.jupiter.api.Test
    void specialValues() {
        assertTrue(FastMath.exp(Float.NaN) != FastMath.exp(Float.NaN));
        assertTrue(FastMath.exp(Float.POSITIVE_INFINITY) == Float.POSITIVE_INFINITY && FastMath.exp(Float.NEGATIVE_INFINITY) == 0f);
        assertTrue(FastMath.exp(100f) == Float.POSITIVE_INFINITY && FastMath.exp(-200f) == 0f && FastMath.exp(0f) == 1f);
        assertTrue(FastMath.log(0f) == Float.NEGATIVE_INFINITY && Float.isNaN(FastMath.log(-1f)) && FastMath.log(1f) == 0f);
        assertTrue(FastMath.log(Float.POSITIVE_INFINITY) == Float.POSITIVE_INFINITY && Float.isNaN(FastMath.log(Float.NaN)));
        assertTrue(FastMath.sin(0f) == 0f && FastMath.cos(0f) == 1f && Float.isNaN(FastMath.sin(Float.NaN)));
        assertTrue(FastMath.tanh(20f) == 1f && FastMath.tanh(-20f) == -1f && FastMath.tanh(0f) == 0f);
    }
}
