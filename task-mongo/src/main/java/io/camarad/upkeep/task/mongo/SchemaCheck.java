package io.camarad.upkeep.task.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Checks every document of a collection against a JSON Schema (draft 2020-12 unless the schema
 * names another with {@code $schema}), streaming the collection with a cursor.
 */
final class SchemaCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CANCEL_CHECK_EVERY = 1000;

  private final JsonSchema schema;

  SchemaCheck(Map<String, Object> schema) {
    JsonNode tree = JSON.valueToTree(schema);
    SpecVersion.VersionFlag version =
        tree.has("$schema") ? SpecVersionDetector.detect(tree) : SpecVersion.VersionFlag.V202012;
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    this.schema = JsonSchemaFactory.getInstance(version).getSchema(tree, config);
  }

  /**
   * Returns one failure line, or {@code null} when every document passes.
   *
   * @param maxReported how many offending documents to name
   */
  String check(
      MongoCollection<Document> collection,
      int batchSize,
      int maxReported,
      Cancellation cancellation)
      throws CancelledException {
    long offending = 0;
    long seen = 0;
    List<String> examples = new ArrayList<>();
    for (Document document : collection.find().batchSize(batchSize)) {
      if (++seen % CANCEL_CHECK_EVERY == 0) {
        cancellation.throwIfCancelled();
      }
      Set<ValidationMessage> errors = schema.validate(DocumentTrees.toTree(document));
      if (!errors.isEmpty()) {
        offending++;
        if (examples.size() < maxReported) {
          examples.add("_id=" + document.get("_id") + ": " + describe(errors));
        }
      }
    }
    if (offending == 0) {
      return null;
    }
    return collection.getNamespace().getCollectionName()
        + ": "
        + offending
        + " of "
        + seen
        + " documents break the schema, first: "
        + String.join(" | ", examples);
  }

  private static String describe(Set<ValidationMessage> errors) {
    ValidationMessage first = errors.iterator().next();
    String more = errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "";
    return first.getMessage() + " [rule " + first.getType() + "]" + more;
  }
}
