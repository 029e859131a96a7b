package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Pages from a JSON-lines file (one JSON object per line), plain or gzip-compressed (detected from
 * the content, not the name). Each object's fields fill the URL template; the lastmod field holds
 * an ISO-8601 date or date-time with a time zone. Only the fields named by the template and the
 * lastmod field are read; the rest are skipped without being kept.
 *
 * <p>Settings under {@code source}: {@code file}, {@code urlTemplate}, {@code lastmodField}.
 *
 * @since 0.1
 */
public final class JsonLinesPageSource implements PageSource {
  private static final JsonFactory JSON = new JsonFactory();

  /** Discovered by {@link java.util.ServiceLoader}. */
  public JsonLinesPageSource() {}

  @Override
  public String type() {
    return "jsonl";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .path("file", null, "jsonl: the JSON-lines file (.jsonl or .jsonl.gz)")
        .string(
            "urlTemplate",
            null,
            "jsonl, mongodb: the page URL, absolute or relative to siteUrl, with {field} "
                + "(one escaped path segment) or {+field} (escaped, keeps '/')")
        .string(
            "lastmodField",
            "lastModified",
            "jsonl, mongodb: the field holding the page's last change")
        .build();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    if (settings.find("file", Path.class).isEmpty()) {
      throw new SettingsException("file", "source type 'jsonl' needs 'file': the JSON-lines file");
    }
    TemplateSettings.require(settings);
  }

  @Override
  public PageCursor open(TaskContext context, Settings settings) throws IOException {
    return cursor(
        settings.pathValue("file"),
        TemplateSettings.template(settings),
        settings.find("lastmodField", String.class).orElse("lastModified"));
  }

  /**
   * A cursor over {@code file}, for embedders and benchmarks that use no task context.
   *
   * @throws IOException when the file cannot be opened; the message names it
   */
  public static PageCursor cursor(Path file, UrlTemplate template, String lastmodField)
      throws IOException {
    InputStream in;
    try {
      in = decompressed(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          file.toString(), null, "the jsonl source file does not exist; check source.file");
    }
    return new Cursor(file, JSON.createParser(in), template, lastmodField);
  }

  private static InputStream decompressed(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    boolean gzip = first == 0x1f && second == 0x8b;
    return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
  }

  /** Reads one object at a time, keeping only the fields it needs. */
  private static final class Cursor implements PageCursor {
    private final Path file;
    private final JsonParser parser;
    private final UrlTemplate template;
    private final String lastmodField;
    private final Set<String> wanted = new HashSet<>();
    private final Map<String, Object> values = new HashMap<>();

    Cursor(Path file, JsonParser parser, UrlTemplate template, String lastmodField) {
      this.file = file;
      this.parser = parser;
      this.template = template;
      this.lastmodField = lastmodField;
      wanted.addAll(template.fields());
      wanted.add(lastmodField);
    }

    @Override
    public Optional<PageEntry> next() throws IOException {
      try {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return Optional.empty();
        }
        long line = parser.currentLocation().getLineNr();
        String origin = file.getFileName() + ":" + line;
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          return Optional.of(new PageEntry.Invalid("not a JSON object", origin));
        }
        readObject();
        return Optional.of(toEntry(origin));
      } catch (JsonProcessingException e) {
        throw new IOException(
            file
                + ":"
                + e.getLocation().getLineNr()
                + ": not valid JSON ("
                + e.getOriginalMessage()
                + "); fix or regenerate that line of the source file",
            e);
      }
    }

    private void readObject() throws IOException {
      values.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (wanted.contains(name) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          values.put(name, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    }

    private PageEntry toEntry(String origin) {
      String url = template.expand(values::get);
      if (url == null) {
        return new PageEntry.Invalid(
            "missing or empty field '" + template.missingField(values::get) + "'", origin);
      }
      return new PageEntry.Page(url, values.get(lastmodField), origin);
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }
}
