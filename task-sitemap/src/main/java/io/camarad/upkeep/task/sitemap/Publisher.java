package io.camarad.upkeep.task.sitemap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Publishes sitemap generations in the output directory so that a reader never sees half of one:
 *
 * <pre>
 * outputDir/
 *   .generations/7/sitemap.xml, sitemap-1.xml, ...   the files of generation 7
 *   .generations/8/...                               generation 8
 *   .current -&gt; .generations/8                      the generation served
 *   sitemap.xml -&gt; .current/sitemap.xml              stable names, one link per file
 *   sitemap-1.xml -&gt; .current/sitemap-1.xml
 * </pre>
 *
 * A new generation is written completely in its own directory, then {@code .current} is switched in
 * one atomic rename of a new link over the old one, so every file changes at the same instant.
 * Links for new file names are made before the switch (they point at nothing until then, and
 * nothing refers to them yet); links for names that are gone are removed after it. The web server
 * must follow symbolic links. The served generation and the one before it are kept, for undo; older
 * ones are deleted. The link and the generations start with a dot, so that they cannot clash with a
 * page when the output directory is the web root.
 */
final class Publisher {
  static final String GENERATIONS = ".generations";
  static final String CURRENT = ".current";

  private final Path outputDir;
  private final Path generations;

  Publisher(Path outputDir) {
    this.outputDir = outputDir;
    this.generations = outputDir.resolve(GENERATIONS);
  }

  Path outputDir() {
    return outputDir;
  }

  /** A fresh, empty directory for {@code generation}; leftovers of a crashed run are removed. */
  Path prepare(long generation) throws IOException {
    Path directory = directory(generation);
    deleteTree(directory);
    Files.createDirectories(directory);
    return directory;
  }

  Path directory(long generation) {
    return generations.resolve(Long.toString(generation));
  }

  /** The generation {@code .current} points at, if any. */
  OptionalLong served() throws IOException {
    Path link = outputDir.resolve(CURRENT);
    if (!Files.isSymbolicLink(link)) {
      return OptionalLong.empty();
    }
    String target = Files.readSymbolicLink(link).getFileName().toString();
    try {
      return OptionalLong.of(Long.parseLong(target));
    } catch (NumberFormatException e) {
      throw new IOException(
          link + " points at " + target + ", not at a generation; remove the link to start afresh");
    }
  }

  /**
   * Serves {@code generation}: its file names get links, {@code .current} switches to it
   * atomically, and links of names only the old generation had are removed.
   *
   * @param names the file names of {@code generation}
   * @param oldNames the file names of the generation served until now
   */
  void serve(long generation, Collection<String> names, Collection<String> oldNames)
      throws IOException {
    for (String name : names) {
      link(outputDir.resolve(name), Path.of(CURRENT, name));
    }
    switchCurrent(Path.of(GENERATIONS, Long.toString(generation)));
    Set<String> gone = new HashSet<>(oldNames);
    gone.removeAll(names);
    for (String name : gone) {
      Path file = outputDir.resolve(name);
      if (Files.isSymbolicLink(file)) {
        Files.delete(file);
      }
    }
    syncDirectory(outputDir);
  }

  /** Stops serving anything: removes the file links and {@code .current}. */
  void unserve(Collection<String> names) throws IOException {
    for (String name : names) {
      Path file = outputDir.resolve(name);
      if (Files.isSymbolicLink(file)) {
        Files.delete(file);
      }
    }
    Files.deleteIfExists(outputDir.resolve(CURRENT));
    syncDirectory(outputDir);
  }

  /** Deletes every generation directory except the ones given. */
  void retainOnly(Set<Long> keep) throws IOException {
    if (!Files.isDirectory(generations)) {
      return;
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(generations)) {
      for (Path directory : all) {
        long generation = parse(directory.getFileName().toString());
        if (generation >= 0 && !keep.contains(generation)) {
          deleteTree(directory);
        }
      }
    }
  }

  /** The highest generation number on disk, or 0. */
  long highestOnDisk() throws IOException {
    if (!Files.isDirectory(generations)) {
      return 0;
    }
    try (Stream<Path> all = Files.list(generations)) {
      return all.mapToLong(path -> parse(path.getFileName().toString())).max().orElse(0);
    }
  }

  /** Deletes one generation directory. */
  void discard(long generation) throws IOException {
    deleteTree(directory(generation));
  }

  private void switchCurrent(Path target) throws IOException {
    Path link = outputDir.resolve(CURRENT);
    Path temporary = outputDir.resolve(CURRENT + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createSymbolicLink(temporary, target);
    Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes {@code link} point at {@code target}, replacing a file of that name atomically. */
  private static void link(Path link, Path target) throws IOException {
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
      return;
    }
    Path temporary = link.resolveSibling("." + link.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    try {
      Files.createSymbolicLink(temporary, target);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create " + temporary + "; remove it and run again", e);
    }
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
      Path kept = link.resolveSibling(GENERATIONS).resolve("replaced-" + link.getFileName());
      Files.createDirectories(kept.getParent());
      Files.copy(link, kept, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE);
  }

  private static long parse(String name) {
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems cannot sync a directory; the rename itself is still atomic.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
