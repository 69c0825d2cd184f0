package jaxon.launcher;
public final class JaxonMain { public static void main(String[] a) { System.out.println(org.graalvm.polyglot.Engine.create().getImplementationName()); } }
