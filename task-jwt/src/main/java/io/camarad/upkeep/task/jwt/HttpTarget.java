package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.TaskContext;
import java.net.URI;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** PUTs the JWK Set to an HTTP endpoint with a bearer token (service {@code jwks-http}). */
final class HttpTarget implements PublicationTarget {
  static final String SERVICE = "jwks-http";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper JSON_READER = new ObjectMapper();

  private final HttpSender sender;
  private final URI url;
  private final Secret token;

  HttpTarget(HttpSender sender, URI url, Secret token) {
    this.sender = sender;
    this.url = url;
    this.token = token;
  }

  @Override
  public String describe() {
    return "HTTP PUT " + location();
  }

  /** The URL without user info and query, either of which could carry a credential. */
  private String location() {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme() + "://" + url.getHost() + port + url.getPath();
  }

  /**
   * What a GET of the same URL serves, when it serves a JWK Set; empty when the endpoint has none
   * or does not answer GET, and undo then PUTs the previous ring's set.
   */
  @Override
  public Optional<String> snapshot(TaskContext context) {
    Request request =
        new Request.Builder()
            .url(url.toString())
            .header("Authorization", "Bearer " + token.reveal())
            .get()
            .build();
    try {
      String body = sender.send(context, SERVICE, "GET of the JWK Set at " + location(), request);
      return JSON_READER.readTree(body).path("keys").isArray()
          ? Optional.of(body)
          : Optional.empty();
    } catch (Exception e) {
      context
          .logger()
          .debug("Task '{}' keeps no copy of {}: {}", context.taskId(), describe(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public boolean holds(TaskContext context, Publication publication) {
    return true;
  }

  @Override
  public Optional<String> publish(TaskContext context, Publication publication) throws Exception {
    put(context, publication.jwksJson());
    return Optional.empty();
  }

  @Override
  public void restore(
      TaskContext context,
      Optional<String> snapshot,
      Optional<String> receipt,
      Publication previous)
      throws Exception {
    put(context, snapshot.orElse(previous.jwksJson()));
  }

  private void put(TaskContext context, String jwksJson) throws Exception {
    Request request =
        new Request.Builder()
            .url(url.toString())
            .header("Authorization", "Bearer " + token.reveal())
            .put(RequestBody.create(jwksJson, JSON))
            .build();
    sender.send(context, SERVICE, "PUT of the JWK Set to " + location(), request);
  }
}
