package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Pinecone's published OpenAPI 3.0 specification (API version 2025-10) as a contract: finds the
 * request and response schemas of an operation by method and path, and validates JSON bodies
 * against them as OpenAPI 3.0 schemas.
 */
public final class SpecContract {
  /** The three Pinecone APIs, by file. */
  public enum Api {
    DATA("db_data_2025-10.oas.yaml"),
    CONTROL("db_control_2025-10.oas.yaml"),
    INFERENCE("inference_2025-10.oas.yaml");

    private final String file;

    Api(String file) {
      this.file = file;
    }

    String iri() {
      return "https://specs.upkeep.test/pinecone/" + name().toLowerCase() + ".json";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<Api, JsonNode> documents = new HashMap<>();
  private final JsonSchemaFactory factory;

  /**
   * Plain {@code oneOf} semantics: the validator's discriminator support rejects a valid serverless
   * IndexModel (the read_capacity discriminator leaks into the enclosing spec oneOf), and every
   * alternative the task meets is told apart by its required properties anyway.
   */
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().discriminatorKeywordEnabled(false).build();

  private final Map<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

  public SpecContract(Path directory) {
    Map<String, String> byIri = new HashMap<>();
    YAMLMapper yaml = new YAMLMapper();
    for (Api api : Api.values()) {
      try {
        JsonNode document = yaml.readTree(Files.readString(directory.resolve(api.file)));
        documents.put(api, document);
        byIri.put(api.iri(), JSON.writeValueAsString(document));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spec " + api.file, e);
      }
    }
    // The documents' own top-level keys are not schema keywords; declare them as such.
    JsonMetaSchema openApi =
        JsonMetaSchema.builder(OpenApi30.getInstance())
            .keywords(
                Stream.of(
                        "openapi",
                        "info",
                        "servers",
                        "paths",
                        "components",
                        "security",
                        "tags",
                        "externalDocs")
                    .map(NonValidationKeyword::new)
                    .toList())
            .keywords(map -> map.remove("discriminator"))
            .build();
    this.factory =
        JsonSchemaFactory.builder()
            .metaSchema(openApi)
            .defaultMetaSchemaIri(openApi.getIri())
            .schemaLoaders(loaders -> loaders.schemas(byIri))
            .build();
  }

  /** The contract from the copy of the specs in the project. */
  public static SpecContract fromProject() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("specs/pinecone-2025-10");
      if (Files.isDirectory(candidate)) {
        return new SpecContract(candidate);
      }
    }
    throw new IllegalStateException("specs/pinecone-2025-10 not found above " + here);
  }

  /** Violations of the request body schema of {@code method path}; empty when valid. */
  public List<String> checkRequest(Api api, String method, String path, JsonNode body) {
    String pointer =
        operationPointer(api, method, path) + "/requestBody/content/application~1json/schema";
    return validate(api, pointer, body);
  }

  /** Violations of the response schema of {@code method path} for {@code status}. */
  public List<String> checkResponse(
      Api api, String method, String path, int status, JsonNode body) {
    String operation = operationPointer(api, method, path);
    JsonNode responses = at(api, operation + "/responses");
    String code = String.valueOf(status);
    String key =
        responses.has(code)
            ? code
            : responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX" : "default";
    if (!responses.has(key)) {
      return List.of(
          "status " + status + " is not a documented response of " + method + " " + path);
    }
    return validate(
        api, operation + "/responses/" + key + "/content/application~1json/schema", body);
  }

  /** Whether the operation declares the API version header as required. */
  public boolean requiresVersionHeader(Api api, String method, String path) {
    for (JsonNode parameter : at(api, operationPointer(api, method, path) + "/parameters")) {
      if (parameter.path("name").asText().equals("X-Pinecone-Api-Version")
          && parameter.path("required").asBoolean()) {
        return true;
      }
    }
    return false;
  }

  /** Violations of the schema at a JSON pointer into a spec document. */
  public List<String> validatePointer(Api api, String pointer, JsonNode body) {
    return validate(api, pointer, body);
  }

  private String operationPointer(Api api, String method, String path) {
    String pointer =
        "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase();
    if (at(api, pointer).isMissingNode()) {
      throw new IllegalArgumentException(method + " " + path + " is not in " + api.file);
    }
    return pointer;
  }

  private JsonNode at(Api api, String pointer) {
    return documents.get(api).at(pointer);
  }

  private List<String> validate(Api api, String pointer, JsonNode body) {
    Optional<JsonSchema> schema =
        schemas.computeIfAbsent(
            api + pointer,
            key ->
                at(api, pointer).isMissingNode()
                    ? Optional.empty()
                    : Optional.of(
                        factory.getSchema(SchemaLocation.of(api.iri() + "#" + pointer), config)));
    if (schema.isEmpty()) {
      return List.of("no schema at " + pointer + " in " + api.file);
    }
    return schema.get().validate(body).stream().map(ValidationMessage::getMessage).toList();
  }
}
