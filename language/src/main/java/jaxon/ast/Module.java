package jaxon.ast;

import java.util.List;

/** A parsed file or REPL input. */
public record Module(List<Stmt> body) {
}
