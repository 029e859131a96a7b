package io.camarad.upkeep.core.internal;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where a plugin class came from: its jar's file name and {@code Implementation-Version}, or
 * "classpath" for classes in a directory.
 *
 * @param location the jar file name, "classpath", or "embedded" for objects handed in by code
 * @param version the jar's {@code Implementation-Version}, or an empty string
 */
public record PluginSource(String location, String version) {

  /** The source of objects handed to the engine by embedding code. */
  public static PluginSource embedded() {
    return new PluginSource("embedded", "");
  }

  /** The source of {@code type}. */
  public static PluginSource of(Class<?> type) {
    CodeSource code = type.getProtectionDomain().getCodeSource();
    if (code == null || code.getLocation() == null) {
      return new PluginSource("classpath", versionOf(type));
    }
    return ofLocation(code.getLocation(), versionOf(type));
  }

  static PluginSource ofLocation(URL url, String packageVersion) {
    try {
      Path path = Path.of(url.toURI());
      if (Files.isRegularFile(path)) {
        String version = packageVersion.isEmpty() ? manifestVersion(path) : packageVersion;
        return new PluginSource(path.getFileName().toString(), version);
      }
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      // Not a file URL (a nested jar, a custom loader): fall through.
    }
    return new PluginSource("classpath", packageVersion);
  }

  private static String versionOf(Class<?> type) {
    Package pkg = type.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null ? "" : version;
  }

  private static String manifestVersion(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String version =
          manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
      return version == null ? "" : version;
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** "tasks-mongo-0.1.0.jar (0.1.0)", "classpath", for reports and logs. */
  public String describe() {
    return version.isEmpty() ? location : location + " (" + version + ")";
  }
}
