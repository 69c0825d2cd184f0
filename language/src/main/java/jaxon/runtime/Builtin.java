package jaxon.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method of a builtin module class as a Python-callable function. The value is
 * its Python signature, e.g. {@code "sum(a, axis=None, dtype=None, keepdims=False)"} or
 * {@code "print(*args, sep=' ', end='\n')"}. The method takes one Object per parameter, in order
 * (a *args parameter arrives as a PTuple, a **kwargs one as a PDict), and returns a Jaxon value.
 * Defaults may be None, True, False, numbers or quoted strings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Builtin {
    String value();
}
