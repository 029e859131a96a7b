package io.camarad.upkeep.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where the command writes, and what it knows of its environment. Built once in {@link
 * Camarad#main} from the real process, and by tests from string writers.
 *
 * @param out the standard output
 * @param err the standard error
 * @param environment the process environment, passed to the engine for {@code ${VAR}}
 * @param console whether the standard output is an interactive console
 */
record Terminal(
    PrintWriter out, PrintWriter err, Map<String, String> environment, boolean console) {

  Terminal {
    environment = Map.copyOf(environment);
  }

  /** Colour only on a console and only when {@code NO_COLOR} is unset or empty. */
  Palette palette() {
    String noColor = environment.get("NO_COLOR");
    boolean wanted = noColor == null || noColor.isEmpty();
    return new Palette(console && wanted);
  }
}
