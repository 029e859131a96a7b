package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The manifests of the published generations: for each, every URL with its lastmod, as gzip JSON
 * lines ({@code {"loc":"…","lastmod":"…"}}) under the task's data directory. The next run compares
 * its pages with the manifest of the generation being served.
 */
final class ManifestStore {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path directory;

  ManifestStore(Path dataDirectory) {
    this.directory = dataDirectory.resolve("manifests");
  }

  Path file(long generation) {
    return directory.resolve(generation + ".jsonl.gz");
  }

  boolean exists(long generation) {
    return Files.isRegularFile(file(generation));
  }

  /** Starts the manifest of {@code generation}, written beside its final name. */
  Writer create(long generation) throws IOException {
    Files.createDirectories(directory);
    return new Writer(file(generation));
  }

  /** Deletes the manifest of {@code generation} and any unfinished one. */
  void delete(long generation) throws IOException {
    Files.deleteIfExists(file(generation));
    Files.deleteIfExists(temporary(file(generation)));
  }

  /** Deletes every manifest (finished or not) of a generation not in {@code keep}. */
  void retainOnly(java.util.Set<Long> keep) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (java.util.stream.Stream<Path> all = Files.list(directory)) {
      for (Path file : (Iterable<Path>) all::iterator) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        try {
          if (dot > 0 && !keep.contains(Long.parseLong(name.substring(0, dot)))) {
            Files.deleteIfExists(file);
          }
        } catch (NumberFormatException e) {
          // Not a manifest of ours: leave it.
        }
      }
    }
  }

  /** Reads a manifest entry by entry. */
  void read(long generation, EntryConsumer consumer) throws IOException {
    Path file = file(generation);
    try (JsonParser parser =
        JSON.createParser(
            new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16))) {
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String loc = null;
        String lastmod = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if ("loc".equals(name)) {
            loc = parser.getText();
          } else if ("lastmod".equals(name)) {
            lastmod = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
        if (loc == null) {
          throw new IOException(
              file
                  + ":"
                  + parser.currentLocation().getLineNr()
                  + ": manifest entry without 'loc'; delete the file to rebuild the sitemap in full");
        }
        consumer.accept(loc, lastmod);
      }
    }
  }

  private static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** Receives manifest entries. */
  @FunctionalInterface
  interface EntryConsumer {
    void accept(String loc, String lastmod) throws IOException;
  }

  /** Writes one manifest; {@link #commit()} makes it visible under its final name. */
  static final class Writer implements Closeable {
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final GZIPOutputStream gzip;
    private final JsonGenerator generator;
    private boolean closed;

    Writer(Path target) throws IOException {
      this.target = target;
      this.temporary = temporary(target);
      this.channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      OutputStream raw = Channels.newOutputStream(channel);
      this.gzip = new GZIPOutputStream(raw, 1 << 16);
      this.generator = JSON.createGenerator(new BufferedOutputStream(gzip, 1 << 16));
      generator.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    void add(String loc, String lastmod) throws IOException {
      generator.writeStartObject();
      generator.writeStringField("loc", loc);
      if (lastmod != null) {
        generator.writeStringField("lastmod", lastmod);
      }
      generator.writeEndObject();
    }

    /** Finishes the file, forces it to disk and moves it to its final name atomically. */
    void commit() throws IOException {
      generator.writeRaw('\n');
      generator.flush();
      gzip.finish();
      channel.force(true);
      close();
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        generator.close();
      }
    }

    /** Closes and deletes an unfinished manifest. */
    void abandon() throws IOException {
      close();
      Files.deleteIfExists(temporary);
    }
  }
}
