package io.camarad.upkeep.cli;

import io.camarad.upkeep.core.RunListener;
import io.camarad.upkeep.core.Upkeep;
import io.camarad.upkeep.core.UpkeepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every engine command shares: which protocol, overrides, plugins and state directory.
 * Relative paths are taken from the caller's working directory.
 */
final class EngineOptions {
  static final String DEFAULT_PROTOCOL = "cblm001.yaml";

  @Option(
      names = "--protocol",
      paramLabel = "FILE",
      description = "The protocol file (default: ${DEFAULT-VALUE} in the working directory).",
      defaultValue = DEFAULT_PROTOCOL)
  Path protocol;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Override a protocol value (example: parallelism=2). Repeatable; wins"
              + " over the environment and the file.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "A directory of plugin jars (default: plugins/ beside the protocol, if it" + " exists).")
  Path plugins;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where state, history and the embedded database live (default: the"
              + " protocol's stateDir, else .upkeep/ beside the protocol).")
  Path stateDirectory;

  /** The protocol file as an absolute path. */
  Path protocolFile() {
    return protocol.toAbsolutePath().normalize();
  }

  /**
   * The plugins directory: the option, or {@code plugins/} beside the protocol if present.
   *
   * @throws BadOptionException if {@code --plugins} names no directory
   */
  Optional<Path> pluginsDirectory() {
    if (plugins != null) {
      return Optional.of(existingPluginsDirectory(plugins.toAbsolutePath().normalize()));
    }
    Path beside = protocolFile().resolveSibling("plugins");
    return Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
  }

  private static Path existingPluginsDirectory(Path dir) {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    String what = Files.exists(dir) ? "is not a directory" : "no such directory";
    throw new BadOptionException(
        "--plugins "
            + dir
            + ": "
            + what
            + "; create it and put"
            + " plugin jars in it, or leave --plugins out to use plugins/ beside the protocol");
  }

  /**
   * Builds the engine for this invocation.
   *
   * @throws MissingProtocolException if the protocol file does not exist
   * @throws UpkeepException if the engine refuses the protocol or the plugins
   */
  Upkeep open(Terminal terminal, RunListener listener) throws UpkeepException {
    Path file = protocolFile();
    if (!Files.isRegularFile(file)) {
      throw new MissingProtocolException(file);
    }
    Upkeep.Builder builder =
        Upkeep.builder().protocol(file).environment(terminal.environment()).listener(listener);
    overrides.forEach(builder::set);
    pluginsDirectory().ifPresent(builder::pluginsDirectory);
    if (stateDirectory != null) {
      builder.stateDirectory(stateDirectory.toAbsolutePath().normalize());
    }
    return builder.build();
  }

  /** Builds the engine without a listener, for commands that do not run tasks. */
  Upkeep open(Terminal terminal) throws UpkeepException {
    return open(terminal, new RunListener() {});
  }

  /** An option's value cannot be used; nothing was run. */
  static final class BadOptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadOptionException(String message) {
      super(message);
    }
  }

  /** There is no protocol file where the command looked. */
  static final class MissingProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingProtocolException(Path file) {
      super(
          "no protocol file at "
              + file
              + "; pass --protocol FILE, or run from the directory"
              + " that holds "
              + DEFAULT_PROTOCOL);
    }
  }
}
