package io.camarad.upkeep.task.sitemap;

import java.io.IOException;
import java.util.Optional;

/**
 * A forward-only stream of pages from a {@link PageSource}. Not thread-safe; closed by the caller.
 *
 * @since 0.1
 */
public interface PageCursor extends AutoCloseable {

  /**
   * The next page, or empty at the end.
   *
   * @throws Exception when reading fails part way (a broken file, a lost connection); the sitemap
   *     is then not published, since a partial read would drop pages
   */
  Optional<PageEntry> next() throws Exception;

  /** Releases what the cursor holds (a file, a server-side cursor). */
  @Override
  void close() throws IOException;
}
