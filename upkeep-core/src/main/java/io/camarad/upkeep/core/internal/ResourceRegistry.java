package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.spi.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared resources of a run: declared up front, opened lazily by the first task that asks,
 * handed to every task by name, and closed (in reverse order of opening) when the run ends.
 */
public final class ResourceRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceRegistry.class);

  /** Opens one declared resource. */
  @FunctionalInterface
  public interface Opener {
    Resource open() throws Exception;
  }

  private final Map<String, Opener> declared;
  private final Map<String, Resource> opened = new LinkedHashMap<>();

  public ResourceRegistry(Map<String, Opener> declared) {
    this.declared = new LinkedHashMap<>(declared);
  }

  /** A registry with no resources. */
  public static ResourceRegistry empty() {
    return new ResourceRegistry(Map.of());
  }

  /** Wraps an already open object (an embedder's or a test's) as a resource it keeps owning. */
  public static Resource wrapping(Object value) {
    return new Resource() {
      @Override
      public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
      }

      @Override
      public void close() {
        // Owned by whoever handed it in.
      }
    };
  }

  public boolean has(String name) {
    return declared.containsKey(name);
  }

  public Set<String> names() {
    return new TreeSet<>(declared.keySet());
  }

  /**
   * The resource {@code name} seen as {@code type}, opening it on first use.
   *
   * @throws IllegalArgumentException if it is not declared, cannot be opened, or has no such view
   */
  public synchronized <T> T get(String name, Class<T> type) {
    Resource resource = open(name);
    return resource
        .unwrap(type)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "resource '" + name + "' cannot be used as " + type.getName()));
  }

  /** The resource {@code name}, opening it on first use. */
  public synchronized Resource open(String name) {
    Resource resource = opened.get(name);
    if (resource != null) {
      return resource;
    }
    Opener opener = declared.get(name);
    if (opener == null) {
      throw new IllegalArgumentException(
          "no resource named '"
              + name
              + "' is declared; declare it under 'resources' in the"
              + " protocol (declared: "
              + names()
              + ")");
    }
    resource = openDeclared(name, opener);
    opened.put(name, resource);
    return resource;
  }

  private static Resource openDeclared(String name, Opener opener) {
    try {
      LOG.debug("Opening resource {}", name);
      return opener.open();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "resource '" + name + "' could not be opened: " + e.getMessage(), e);
    }
  }

  /** Closes every opened resource, newest first; failures are logged, never thrown. */
  @Override
  public synchronized void close() {
    List<Map.Entry<String, Resource>> entries = new ArrayList<>(opened.entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) {
      closeQuietly(entries.get(i).getKey(), entries.get(i).getValue());
    }
    opened.clear();
  }

  private static void closeQuietly(String name, Resource resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.warn("Resource {} failed to close: {}", name, e.toString());
    }
  }
}
