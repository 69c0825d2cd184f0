module jaxon.language {
    requires org.graalvm.truffle;
    requires org.graalvm.polyglot;
    requires java.logging;

    exports jaxon;
    exports jaxon.runtime;

    provides com.oracle.truffle.api.provider.TruffleLanguageProvider with jaxon.JaxonLanguageProvider;
}
