package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stateful stand-in for Cloudflare's {@code POST /zones/{zone_id}/purge_cache}: keeps what was
 * purged, refuses what Cloudflare refuses (no bearer token or the wrong one, another zone, a body
 * that is not JSON or holds no purge key or more than one, more files than the per-request limit,
 * relative URLs), and can be told to answer the next requests with a fault.
 */
final class CloudflareFake extends Dispatcher implements AutoCloseable {
  static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of("purge_everything", "files", "tags", "hosts", "prefixes");

  /** A scripted answer instead of the normal one. */
  enum Fault {
    RATE_LIMITED,
    SERVER_ERROR,
    SUCCESS_FALSE,
    GARBAGE
  }

  private final MockWebServer server = new MockWebServer();
  private final String token;
  private final int fileLimit;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private int okBeforeFaults;
  int retryAfterSeconds = 7;
  int rateLimited;
  final List<String> purgedFiles = Collections.synchronizedList(new ArrayList<>());
  final List<String> purgedHosts = Collections.synchronizedList(new ArrayList<>());
  final List<List<String>> fileBatches = Collections.synchronizedList(new ArrayList<>());
  final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
  final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  int everything;
  int requests;

  CloudflareFake(String token, int fileLimit) throws IOException {
    this.token = token;
    this.fileLimit = fileLimit;
    server.setDispatcher(this);
    server.start();
  }

  /** The base URL to configure, like https://api.cloudflare.com/client/v4. */
  HttpUrl baseUrl() {
    return server.url("/client/v4");
  }

  /** Answers the next requests with these faults, after {@code okFirst} normal answers. */
  synchronized void failNext(int okFirst, Fault... next) {
    okBeforeFaults = okFirst;
    faults.addAll(List.of(next));
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    requests++;
    authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
    if (!faults.isEmpty()) {
      if (okBeforeFaults > 0) {
        okBeforeFaults--;
      } else {
        return fault(faults.poll());
      }
    }
    return handle(request);
  }

  private MockResponse handle(RecordedRequest request) {
    String expectedPath = "/client/v4/zones/" + ZONE + "/purge_cache";
    String path = request.getUrl().encodedPath();
    if (!"POST".equals(request.getMethod()) || !expectedPath.equals(path)) {
      return refuse(404, 7003, "Could not route to " + request.getUrl().encodedPath());
    }
    if (!("Bearer " + token).equals(request.getHeaders().get("Authorization"))) {
      return refuse(403, 10000, "Authentication error");
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return refuse(400, 1012, "Request body is not valid JSON");
    }
    return purge(body);
  }

  private MockResponse purge(JsonNode body) {
    if (body == null || !body.isObject()) {
      return refuse(400, 1012, "Request body must be an object");
    }
    List<String> keys = new ArrayList<>();
    body.fieldNames().forEachRemaining(keys::add);
    List<String> purgeKeys = keys.stream().filter(KEYS::contains).toList();
    if (purgeKeys.size() != 1) {
      return refuse(
          400,
          1012,
          "Request must contain exactly one of \"purge_everything\", "
              + "\"files\", \"tags\", \"hosts\" or \"prefixes\"");
    }
    return switch (purgeKeys.get(0)) {
      case "purge_everything" -> purgeEverything(body.get("purge_everything"));
      case "files" -> purgeFiles(body.get("files"));
      case "hosts" -> purgeHosts(body.get("hosts"));
      default -> refuse(400, 1012, "this fake handles files, hosts and purge_everything");
    };
  }

  private MockResponse purgeEverything(JsonNode flag) {
    if (!flag.isBoolean() || !flag.asBoolean()) {
      return refuse(400, 1012, "purge_everything must be true");
    }
    everything++;
    return ok();
  }

  private MockResponse purgeFiles(JsonNode files) {
    if (!files.isArray() || files.isEmpty()) {
      return refuse(400, 1012, "files must be a non-empty array");
    }
    if (files.size() > fileLimit) {
      return refuse(400, 1015, "More than " + fileLimit + " files in one request");
    }
    List<String> batch = new ArrayList<>();
    for (JsonNode file : files) {
      String url = file.asText();
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        return refuse(400, 1016, "Invalid url " + url);
      }
      batch.add(url);
    }
    fileBatches.add(batch);
    purgedFiles.addAll(batch);
    return ok();
  }

  private MockResponse purgeHosts(JsonNode hosts) {
    if (!hosts.isArray() || hosts.isEmpty()) {
      return refuse(400, 1012, "hosts must be a non-empty array");
    }
    for (JsonNode host : hosts) {
      if (host.asText().contains("://")) {
        return refuse(400, 1016, "hosts take no scheme: " + host.asText());
      }
      purgedHosts.add(host.asText());
    }
    return ok();
  }

  private MockResponse ok() {
    return json(
        200,
        "{\"success\":true,\"errors\":[],\"messages\":[],"
            + "\"result\":{\"id\":\""
            + ZONE
            + "\"}}");
  }

  private MockResponse refuse(int status, int code, String message) {
    refusals.add(code + " " + message);
    String body =
        "{\"success\":false,\"errors\":[{\"code\":"
            + code
            + ",\"message\":"
            + quote(message)
            + "}],\"messages\":[],\"result\":null}";
    return json(status, body);
  }

  private MockResponse fault(Fault fault) {
    return switch (fault) {
      case RATE_LIMITED -> rateLimited();
      case SERVER_ERROR ->
          json(
              502,
              "{\"success\":false,\"errors\":[{\"code\":10000," + "\"message\":\"Bad gateway\"}]}");
      case SUCCESS_FALSE ->
          json(
              200,
              "{\"success\":false,\"errors\":[{\"code\":1134,"
                  + "\"message\":\"Purge is temporarily disabled for this zone\"}],\"messages\":[],"
                  + "\"result\":null}");
      case GARBAGE ->
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "text/html")
              .body("<html>upstream glitch</html>")
              .build();
    };
  }

  private MockResponse rateLimited() {
    rateLimited++;
    return new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", Integer.toString(retryAfterSeconds))
        .setHeader("Content-Type", "application/json")
        .body(
            "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and "
                + "consider throttling your request speed\"}],\"messages\":[],\"result\":null}")
        .build();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
