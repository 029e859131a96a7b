package io.camarad.upkeep.notifier.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The webhook schemas of Discord's published OpenAPI 3.1 description ({@code
 * specs/discord/openapi.json}, copied into the project with its licence), as JSON Schema 2020-12
 * validators: each schema is lifted out of the document with the document's {@code components}
 * beside it, so its {@code $ref}s resolve within the file.
 */
final class DiscordSpec {
  static final Path FILE = Path.of("..", "specs", "discord", "openapi.json");

  private static final String WEBHOOK = "/webhooks/{webhook_id}/{webhook_token}";
  private static final String MESSAGE = WEBHOOK + "/messages/{message_id}";
  private static DiscordSpec loaded;

  private final JsonSchema executeRequest;
  private final JsonSchema updateRequest;
  private final JsonSchema messageResponse;
  private final JsonSchema errorResponse;
  private final JsonSchema rateLimitedResponse;

  private DiscordSpec(JsonNode openapi) {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    this.executeRequest = schema(factory, openapi, requestSchema(openapi, WEBHOOK, "post"));
    this.updateRequest = schema(factory, openapi, requestSchema(openapi, MESSAGE, "patch"));
    this.messageResponse = schema(factory, openapi, component("MessageResponse"));
    this.errorResponse = schema(factory, openapi, component("ErrorResponse"));
    this.rateLimitedResponse = schema(factory, openapi, component("RatelimitedResponse"));
  }

  /** The specification, read once per test run. */
  static synchronized DiscordSpec get() {
    if (loaded == null) {
      try {
        loaded = new DiscordSpec(new ObjectMapper().readTree(FILE.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
      }
    }
    return loaded;
  }

  private static JsonNode requestSchema(JsonNode openapi, String path, String method) {
    JsonNode schema =
        openapi
            .path("paths")
            .path(path)
            .path(method)
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("schema");
    if (schema.isMissingNode()) {
      throw new IllegalStateException("the spec has no JSON body for " + method + " " + path);
    }
    return schema;
  }

  private static JsonNode component(String name) {
    return new ObjectMapper().createObjectNode().put("$ref", "#/components/schemas/" + name);
  }

  private static JsonSchema schema(JsonSchemaFactory factory, JsonNode openapi, JsonNode schema) {
    ObjectNode root = schema.deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", openapi.path("components"));
    return factory.getSchema(root);
  }

  /** What the execute-webhook request schema finds wrong with {@code body}; empty if valid. */
  List<String> executeRequestErrors(JsonNode body) {
    return errors(executeRequest, body);
  }

  /** What the update-webhook-message request schema finds wrong with {@code body}. */
  List<String> updateRequestErrors(JsonNode body) {
    return errors(updateRequest, body);
  }

  List<String> messageResponseErrors(JsonNode body) {
    return errors(messageResponse, body);
  }

  List<String> errorResponseErrors(JsonNode body) {
    return errors(errorResponse, body);
  }

  List<String> rateLimitedResponseErrors(JsonNode body) {
    return errors(rateLimitedResponse, body);
  }

  private static List<String> errors(JsonSchema schema, JsonNode body) {
    return schema.validate(body).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
