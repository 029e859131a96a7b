package io.camarad.upkeep.task.sitemap;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the sitemap files of a page cursor into a directory in one streaming pass, with the same
 * URL checks as the task (escaping, length, the location rule, {@code lastmod}) but without
 * generations, manifests or purges: for embedders that publish files their own way, and for
 * benchmarks.
 *
 * @since 0.1
 */
public final class SitemapGenerator {
  private static final int SAMPLE = 10;

  private SitemapGenerator() {}

  /**
   * The outcome of one generation.
   *
   * @param urls URLs written
   * @param refused entries left out (invalid, or outside the location)
   * @param lastmodDropped URLs written without their unusable lastmod
   * @param refusals the first few reasons, with where each entry came from
   * @param files the file names written, the index (or single sitemap) first
   */
  public record Result(
      long urls, long refused, long lastmodDropped, List<String> refusals, List<String> files) {
    public Result {
      refusals = List.copyOf(refusals);
      files = List.copyOf(files);
    }
  }

  /**
   * Generates the sitemap files.
   *
   * @param pages the pages, closed by the caller
   * @param siteUrl the base URL that relative page locations resolve against
   * @param format the file format; its {@code directoryUrl} is the sitemap location
   * @param directory an existing directory to write into
   * @throws IllegalStateException when no entry gave a valid URL
   * @throws Exception when reading the pages or writing the files fails
   */
  public static Result generate(PageCursor pages, URI siteUrl, SitemapFormat format, Path directory)
      throws Exception {
    Objects.requireNonNull(pages, "pages");
    PageValidator validator =
        new PageValidator(siteUrl, SitemapLocation.of(URI.create(format.directoryUrl())));
    List<String> refusals = new ArrayList<>();
    long refused = 0;
    long dropped = 0;
    try (SitemapWriter writer = SitemapWriter.create(directory, format)) {
      for (Optional<PageEntry> next = pages.next(); next.isPresent(); next = pages.next()) {
        PageValidator.Verdict verdict = validator.check(next.get());
        if (verdict instanceof PageValidator.Verdict.Accepted url) {
          writer.add(url.loc(), url.lastmod());
          dropped += url.lastmodProblem() == null ? 0 : 1;
        } else if (verdict instanceof PageValidator.Verdict.Refused refusal) {
          refused++;
          if (refusals.size() < SAMPLE) {
            refusals.add(refusal.origin() + ": " + refusal.reason());
          }
        }
      }
      if (writer.urls() == 0) {
        throw new IllegalStateException("no valid URL to write; first refusals: " + refusals);
      }
      List<String> files = writer.finish();
      return new Result(writer.urls(), refused, dropped, refusals, files);
    }
  }
}
