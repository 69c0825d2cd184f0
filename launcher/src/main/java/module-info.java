module jaxon.launcher {
    requires org.graalvm.polyglot;

    exports jaxon.launcher;
}
