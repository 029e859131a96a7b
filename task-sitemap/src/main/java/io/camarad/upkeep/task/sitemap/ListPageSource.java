package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Pages listed in the protocol itself, for small sites: {@code urls}, each absolute or relative to
 * {@code siteUrl}, optionally followed by a space and its lastmod ({@code "about 2026-03-01"}).
 *
 * @since 0.1
 */
public final class ListPageSource implements PageSource {

  /** Discovered by {@link java.util.ServiceLoader}. */
  public ListPageSource() {}

  @Override
  public String type() {
    return "list";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .strings("urls", null, "list: the page URLs, each optionally followed by ' <lastmod>'")
        .build();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    if (!settings.has("urls") || settings.strings("urls").isEmpty()) {
      throw new SettingsException("urls", "source type 'list' needs 'urls': a list of URLs");
    }
  }

  @Override
  public PageCursor open(TaskContext context, Settings settings) {
    Iterator<String> urls = settings.strings("urls").iterator();
    String path = settings.path();
    return new PageCursor() {
      private int index;

      @Override
      public Optional<PageEntry> next() {
        if (!urls.hasNext()) {
          return Optional.empty();
        }
        String origin = path + ".urls." + index++;
        return Optional.of(entry(urls.next().trim(), origin));
      }

      @Override
      public void close() {}
    };
  }

  private static PageEntry entry(String line, String origin) {
    if (line.isEmpty()) {
      return new PageEntry.Invalid("empty URL", origin);
    }
    List<String> parts = List.of(line.split("\\s+", 2));
    return new PageEntry.Page(parts.get(0), parts.size() > 1 ? parts.get(1) : null, origin);
  }
}
