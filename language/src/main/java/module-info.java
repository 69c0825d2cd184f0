module jaxon.language {
    requires org.graalvm.truffle;
    requires org.graalvm.polyglot;
    requires java.logging;
    requires jdk.management; // jaxon.allocated_bytes()
    // Optional: SIMD kernels (jaxon.ops.Simd) when the JVM runs with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;

    exports jaxon;
    exports jaxon.ast;
    exports jaxon.runtime;
    exports jaxon.runtime.format;
    exports jaxon.ops;
    exports jaxon.parser;
    exports jaxon.nodes;
    exports jaxon.builtins;
    exports jaxon.transform;

    provides com.oracle.truffle.api.provider.TruffleLanguageProvider with jaxon.JaxonLanguageProvider;
}
