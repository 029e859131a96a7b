package io.camarad.upkeep.task.sitemap;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Pages from a MongoDB collection of the shared {@code mongo} resource (or another named by {@code
 * resource}), read in {@code _id} order with a server-side cursor so that only one batch is in
 * memory. The query filters the documents; the URL template takes document fields (dotted paths
 * reach into sub-documents); the lastmod field is a BSON date or an ISO-8601 string.
 *
 * <p>Settings under {@code source}: {@code resource}, {@code collection}, {@code query}, {@code
 * urlTemplate}, {@code lastmodField}, {@code batchSize}.
 *
 * @since 0.1
 */
public final class MongoPageSource implements PageSource {

  /** Discovered by {@link java.util.ServiceLoader}. */
  public MongoPageSource() {}

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .string("resource", "mongo", "mongodb: the MongoDB resource declared under resources")
        .string("collection", "pages", "mongodb: the collection of pages")
        .map("query", "mongodb: a filter document, for example {published: true}")
        .string("urlTemplate", null, "jsonl, mongodb: the page URL template")
        .string("lastmodField", "lastModified", "jsonl, mongodb: the last-change field")
        .integer("batchSize", 1000, "mongodb: documents fetched per round trip")
        .build();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    TemplateSettings.require(settings);
    int batchSize = settings.find("batchSize", Integer.class).orElse(1000);
    if (batchSize < 1) {
      throw new SettingsException("batchSize", "batchSize must be at least 1, not " + batchSize);
    }
  }

  @Override
  public PageCursor open(TaskContext context, Settings settings) {
    String resource = settings.find("resource", String.class).orElse("mongo");
    String collection = settings.find("collection", String.class).orElse("pages");
    MongoDatabase database = context.resource(resource, MongoDatabase.class);
    UrlTemplate template = TemplateSettings.template(settings);
    String lastmodField = settings.find("lastmodField", String.class).orElse("lastModified");
    Document query = new Document(settings.has("query") ? settings.map("query") : Map.of());
    MongoCursor<Document> cursor =
        database
            .getCollection(collection)
            .find(query)
            .projection(Projections.include(new ArrayList<>(topFields(template, lastmodField))))
            .sort(Sorts.ascending("_id"))
            .batchSize(settings.find("batchSize", Integer.class).orElse(1000))
            .maxTime(Math.max(1, context.remaining().toMillis()), TimeUnit.MILLISECONDS)
            .iterator();
    return new Cursor(collection, cursor, template, lastmodField);
  }

  private static Set<String> topFields(UrlTemplate template, String lastmodField) {
    Set<String> fields = new LinkedHashSet<>();
    fields.addAll(template.fields());
    fields.add(lastmodField);
    fields.add("_id");
    return fields;
  }

  /** Looks up a field by dotted path. */
  static Object field(Document document, String path) {
    Object value = document;
    for (String part : path.split("\\.")) {
      if (!(value instanceof Document current)) {
        return null;
      }
      value = current.get(part);
    }
    if (value instanceof List<?> || value instanceof Document) {
      return null;
    }
    return value;
  }

  private record Cursor(
      String collection, MongoCursor<Document> cursor, UrlTemplate template, String lastmodField)
      implements PageCursor {

    @Override
    public Optional<PageEntry> next() {
      if (!cursor.hasNext()) {
        return Optional.empty();
      }
      Document document = cursor.next();
      String origin = collection + " _id " + document.get("_id");
      String url = template.expand(field -> field(document, field));
      if (url == null) {
        String missing = template.missingField(field -> field(document, field));
        return Optional.of(
            new PageEntry.Invalid("missing or empty field '" + missing + "'", origin));
      }
      return Optional.of(new PageEntry.Page(url, field(document, lastmodField), origin));
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
