package io.camarad.upkeep.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins with {@link ServiceLoader} on the class path and in a plugins directory of jars
 * (one class loader for the directory, child of the given one). Every plugin that cannot be used is
 * recorded as a {@link DiscoveryIssue} with its name and jar; none is dropped silently.
 *
 * <p>Close it when the plugins are no longer used: it closes the plugins class loader.
 */
public final class PluginDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);
  private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");
  private static final int MAX_ERRORS = 1000;

  private final ClassLoader loader;
  private final URLClassLoader pluginsLoader;
  private final List<DiscoveryIssue> issues = new ArrayList<>();

  private PluginDiscovery(ClassLoader loader, URLClassLoader pluginsLoader) {
    this.loader = loader;
    this.pluginsLoader = pluginsLoader;
  }

  /**
   * Prepares discovery on {@code parent} and the jars of {@code pluginsDirectory} (may be {@code
   * null} or missing: then only the class path is searched).
   */
  public static PluginDiscovery on(ClassLoader parent, Path pluginsDirectory) {
    List<DiscoveryIssue> early = new ArrayList<>();
    URL[] jars = jarsIn(pluginsDirectory, early);
    URLClassLoader plugins = jars.length == 0 ? null : new URLClassLoader(jars, parent);
    PluginDiscovery discovery = new PluginDiscovery(plugins == null ? parent : plugins, plugins);
    discovery.issues.addAll(early);
    return discovery;
  }

  private static URL[] jarsIn(Path dir, List<DiscoveryIssue> issues) {
    if (dir == null || !Files.isDirectory(dir)) {
      return new URL[0];
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<URL> urls = new ArrayList<>();
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
      return urls.toArray(URL[]::new);
    } catch (IOException e) {
      issues.add(
          new DiscoveryIssue(
              DiscoveryIssue.Kind.UNREADABLE_JAR,
              dir.toString(),
              dir.toString(),
              "cannot read the plugins directory: " + e.getMessage()));
      return new URL[0];
    }
  }

  /** The class loader that sees the class path and the plugin jars. */
  public ClassLoader classLoader() {
    return loader;
  }

  /** Every problem found so far. */
  public List<DiscoveryIssue> issues() {
    return List.copyOf(issues);
  }

  /**
   * Loads every implementation of {@code service}; with {@code key} non-null, a second plugin with
   * the same key is left out and recorded as a duplicate (the first, in class path order, is kept).
   *
   * @param what a word for logs: "task", "notifier", "lock provider"
   */
  public <T> List<Discovered<T>> load(Class<T> service, Function<T, String> key, String what) {
    Map<String, String> entrySources = serviceEntrySources(service);
    Map<String, Discovered<T>> byKey = new LinkedHashMap<>();
    List<Discovered<T>> found = new ArrayList<>();
    Iterator<T> iterator = ServiceLoader.load(service, loader).iterator();
    for (int errors = 0; errors < MAX_ERRORS; ) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        T plugin = iterator.next();
        Discovered<T> d = new Discovered<>(plugin, PluginSource.of(plugin.getClass()));
        if (key == null || keep(d, key.apply(plugin), byKey, what)) {
          found.add(d);
        }
      } catch (ServiceConfigurationError e) {
        errors++;
        issues.add(issueOf(e, entrySources, what));
      }
    }
    return found;
  }

  private <T> boolean keep(
      Discovered<T> d, String id, Map<String, Discovered<T>> byKey, String what) {
    Discovered<T> first = byKey.putIfAbsent(id, d);
    if (first == null) {
      LOG.info("Discovered {} {} from {}", what, id, d.source().describe());
      return true;
    }
    issues.add(
        new DiscoveryIssue(
            DiscoveryIssue.Kind.DUPLICATE_ID,
            id,
            d.source().describe(),
            what
                + " '"
                + id
                + "' is provided twice: by "
                + first.plugin().getClass().getName()
                + " in "
                + first.source().describe()
                + " and by "
                + d.plugin().getClass().getName()
                + " in "
                + d.source().describe()
                + "; remove one of the jars"));
    LOG.warn(
        "Ignoring a second {} '{}' from {}: already provided by {}",
        what,
        id,
        d.source().describe(),
        first.source().describe());
    return false;
  }

  private static DiscoveryIssue issueOf(
      ServiceConfigurationError e, Map<String, String> entrySources, String what) {
    Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
    String className = m.find() ? m.group(1) : "unknown class";
    String source = entrySources.getOrDefault(className, "unknown jar");
    Throwable cause = e.getCause();
    if (cause instanceof InvocationTargetException ite && ite.getCause() != null) {
      cause = ite.getCause();
    }
    if (cause != null) {
      String message =
          what
              + " "
              + className
              + " from "
              + source
              + " failed in its constructor: "
              + cause
              + "; a plugin constructor must not throw (do I/O in plan or apply)";
      LOG.warn("Left out {}", message);
      return new DiscoveryIssue(DiscoveryIssue.Kind.CONSTRUCTOR_FAILED, className, source, message);
    }
    String message =
        "the service file in "
            + source
            + " names "
            + className
            + ", which "
            + (e.getMessage().contains("not a subtype")
                ? "does not implement the interface"
                : "cannot be loaded")
            + "; fix the file META-INF/services/... or add the missing jar";
    LOG.warn("Left out a {}: {}", what, message);
    return new DiscoveryIssue(DiscoveryIssue.Kind.BROKEN_SERVICE_ENTRY, className, source, message);
  }

  /** Which jar lists which class in its service file, to name the jar of a broken entry. */
  private Map<String, String> serviceEntrySources(Class<?> service) {
    Map<String, String> sources = new HashMap<>();
    try {
      Enumeration<URL> files = loader.getResources("META-INF/services/" + service.getName());
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        String jar = jarOf(file);
        for (String entry : entries(file)) {
          sources.putIfAbsent(entry, jar);
        }
      }
    } catch (IOException e) {
      LOG.debug("Cannot list service files of {}: {}", service.getName(), e.toString());
    }
    return sources;
  }

  private static String jarOf(URL serviceFile) {
    try {
      if ("jar".equals(serviceFile.getProtocol())) {
        URL jar = ((JarURLConnection) serviceFile.openConnection()).getJarFileURL();
        return PluginSource.ofLocation(jar, "").describe();
      }
      return "classpath";
    } catch (IOException e) {
      return serviceFile.toString();
    }
  }

  private static List<String> entries(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    var connection = file.openConnection();
    connection.setUseCaches(false);
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int hash = line.indexOf('#');
        String name = (hash < 0 ? line : line.substring(0, hash)).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  @Override
  public void close() throws IOException {
    if (pluginsLoader != null) {
      pluginsLoader.close();
    }
  }
}
