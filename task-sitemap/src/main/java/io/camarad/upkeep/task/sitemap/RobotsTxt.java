package io.camarad.upkeep.task.sitemap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the {@code Sitemap:} line of a {@code robots.txt} in line with the published sitemap: lines
 * naming one of this task's sitemap files are replaced by one naming the current index; every other
 * line is kept as written. The file is rewritten atomically, and only when the line changes.
 */
final class RobotsTxt {
  private RobotsTxt() {}

  /**
   * Points the file at {@code sitemapUrl}, or removes this task's line when it is {@code null}.
   *
   * @param ours a URL prefix that identifies this task's sitemap lines
   * @return whether the file changed
   */
  static boolean update(Path file, String ours, String sitemapUrl) throws IOException {
    List<String> lines =
        Files.exists(file)
            ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
            : new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (String line : lines) {
      if (!isOurs(line, ours)) {
        updated.add(line);
      }
    }
    if (sitemapUrl != null) {
      updated.add("Sitemap: " + sitemapUrl);
    }
    if (updated.equals(lines)) {
      return false;
    }
    write(file, String.join("\n", updated) + (updated.isEmpty() ? "" : "\n"));
    return true;
  }

  private static boolean isOurs(String line, String ours) {
    String trimmed = line.trim();
    if (!trimmed.toLowerCase(Locale.ROOT).startsWith("sitemap:")) {
      return false;
    }
    return trimmed.substring("sitemap:".length()).trim().startsWith(ours);
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = parent.resolve("." + file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
