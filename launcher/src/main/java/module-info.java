module jaxon.launcher {
    requires org.graalvm.polyglot;
}
