package io.camarad.upkeep.task.sitemap;

import java.util.Objects;

/**
 * One entry read from a {@link PageSource}: a page, or a record that could not be turned into one
 * (a missing field). Invalid entries are counted and reported by the task, never dropped silently.
 *
 * @since 0.1
 */
public sealed interface PageEntry {

  /** Where the entry was read, for messages: {@code pages.jsonl:12}, {@code _id "common/!"}. */
  String origin();

  /**
   * A page.
   *
   * @param location the page's URL, already percent-escaped: absolute, or relative to the site's
   *     base URL ({@code siteUrl})
   * @param lastmod the page's last real change as read from the source: an {@link
   *     java.time.Instant}, a {@link java.util.Date}, an ISO-8601 string, or {@code null} when the
   *     source has none
   * @param origin where it was read
   */
  record Page(String location, Object lastmod, String origin) implements PageEntry {
    public Page {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * A record that is not a usable page.
   *
   * @param reason what is wrong, for example {@code missing field 'id'}
   * @param origin where it was read
   */
  record Invalid(String reason, String origin) implements PageEntry {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(origin, "origin");
    }
  }
}
