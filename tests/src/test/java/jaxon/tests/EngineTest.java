package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/** A silent fallback to the interpreter-only runtime would void every performance figure: fail on it. */
class EngineTest {
    @Test
    void optimizingRuntimeIsActive() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            assertEquals("GraalVM CE", engine.getImplementationName());
        }
    }
}
