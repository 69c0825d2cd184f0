open module jaxon.tests {
    requires jaxon.language;
    requires jaxon.launcher;
    requires org.graalvm.polyglot;
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
}
