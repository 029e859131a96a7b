package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful stand-in for Pinecone on one local HTTP server: the control plane ({@code GET
 * /indexes/{name}}), the data plane of one index (stats, upsert, delete, query), hosted inference
 * ({@code POST /embed}) and an OpenAI-compatible {@code POST /v1/embeddings}.
 *
 * <p>It refuses what Pinecone refuses: a missing or wrong {@code Api-Key}, a missing {@code
 * X-Pinecone-Api-Version}, more than 1,000 vectors or 2 MB in an upsert, vectors of the wrong
 * dimension, {@code null} or nested metadata or more than 40 KB of it, more than 96 inputs to an
 * embedding. Embeddings are derived from a hash of the text, so equal texts get equal vectors and a
 * query with a chunk's vector finds that chunk. When given a {@link SpecContract}, every request
 * and response is checked against Pinecone's published spec and violations are collected. Faults
 * can be injected per operation.
 */
public final class FakePinecone extends Dispatcher implements AutoCloseable {
  public static final long MAX_UPSERT_BYTES = 2L * 1024 * 1024;
  public static final int MAX_METADATA_BYTES = 40 * 1024;
  private static final ObjectMapper JSON =
      new ObjectMapper(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
              .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
              .build());

  /** The operations the fake serves. */
  public enum Op {
    DESCRIBE_INDEX,
    STATS,
    UPSERT,
    DELETE,
    QUERY,
    EMBED,
    OPENAI_EMBED
  }

  private final MockWebServer server = new MockWebServer();
  private final String apiKey;
  private final String indexName;
  private final int indexDimension;
  private final int modelDimension;
  private final SpecContract contract;
  private volatile long latencyMillis;
  private volatile int embedBatchLimit = 96;
  private volatile int statsLag;
  private final Map<String, Map<String, Stored>> namespaces = new ConcurrentHashMap<>();
  private final List<String> embeddedTexts = Collections.synchronizedList(new ArrayList<>());
  private final List<String> deletedIds = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<Op, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<Op, AtomicInteger> served = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger maxUpsertVectors = new AtomicInteger();
  private final AtomicInteger maxUpsertBytes = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<Op, AtomicInteger> opInFlight = new ConcurrentHashMap<>();
  private final Map<Op, AtomicInteger> opMaxInFlight = new ConcurrentHashMap<>();
  private volatile BenchmarkVectors benchmarkVectors;
  private final java.util.concurrent.atomic.AtomicLong busyNanos =
      new java.util.concurrent.atomic.AtomicLong();
  private final List<Integer> refusals = Collections.synchronizedList(new ArrayList<>());
  private Map<String, Long> reportedCounts = Map.of();
  private int staleStatsLeft;

  /** A stored vector: its values and metadata. */
  public record Stored(float[] values, Map<String, Object> metadata) {}

  private record Fault(
      Op op, int skip, AtomicInteger left, MockResponse response, AtomicInteger seen) {}

  public FakePinecone(
      String apiKey,
      String indexName,
      int indexDimension,
      int modelDimension,
      SpecContract contract)
      throws IOException {
    this.apiKey = apiKey;
    this.indexName = indexName;
    this.indexDimension = indexDimension;
    this.modelDimension = modelDimension;
    this.contract = contract;
    server.setDispatcher(this);
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
  }

  /** The base URL of every API: control plane, data plane and inference. */
  public String url() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The host the control plane reports for the index, without a scheme. */
  public String hostWithoutScheme() {
    return server.getHostName() + ":" + server.getPort();
  }

  public void latency(long millis) {
    this.latencyMillis = millis;
  }

  public void embedBatchLimit(int limit) {
    this.embedBatchLimit = limit;
  }

  /** Stats report the counts as they were before the last writes, this many times. */
  public void statsLag(int calls) {
    this.statsLag = calls;
  }

  /** After {@code skip} calls of {@code op}, answers the next {@code times} with {@code status}. */
  public void fail(Op op, int skip, int times, int status, String body) {
    faults.add(
        new Fault(
            op,
            skip,
            new AtomicInteger(times),
            new MockResponse.Builder()
                .code(status)
                .body(body)
                .setHeader("Content-Type", "application/json")
                .build(),
            new AtomicInteger()));
  }

  public List<String> embeddedTexts() {
    synchronized (embeddedTexts) {
      return List.copyOf(embeddedTexts);
    }
  }

  public void clearEmbeddedTexts() {
    embeddedTexts.clear();
  }

  public List<String> deletedIds() {
    synchronized (deletedIds) {
      return List.copyOf(deletedIds);
    }
  }

  public void clearDeletedIds() {
    deletedIds.clear();
  }

  public List<String> specViolations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** Statuses of the requests the fake refused as Pinecone would (not injected faults). */
  public List<Integer> refusals() {
    synchronized (refusals) {
      return List.copyOf(refusals);
    }
  }

  public int calls(Op op) {
    return calls.computeIfAbsent(op, o -> new AtomicInteger()).get();
  }

  public int maxUpsertVectors() {
    return maxUpsertVectors.get();
  }

  public int maxUpsertBytes() {
    return maxUpsertBytes.get();
  }

  /** The time the fake spent handling requests, latency excluded, summed over threads. */
  public long busyMillis() {
    return busyNanos.get() / 1_000_000;
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** The most requests of one operation that were in flight at once. */
  public int maxInFlight(Op op) {
    return counter(opMaxInFlight, op).get();
  }

  private static AtomicInteger counter(Map<Op, AtomicInteger> counters, Op op) {
    return counters.computeIfAbsent(op, o -> new AtomicInteger());
  }

  /**
   * Benchmark mode, for a fake without a spec contract: spends as little of the machine's CPU as it
   * can on what is not the task's work. Embeddings are answered from a few vectors serialized once
   * (see {@link #benchmarkEmbedding}), and upserts keep only the first {@value
   * #BENCHMARK_KEPT_VALUES} values of each vector, counting the rest without converting them.
   * Everything the fake refuses it still refuses (sizes, counts, dimensions, ids, metadata); a
   * query ranks by cosine similarity over the kept values, so the exact vector of a stored chunk
   * still comes first.
   */
  public void benchmarkMode() {
    if (contract != null) {
      throw new IllegalStateException("benchmark mode skips what a spec contract checks");
    }
    benchmarkVectors = new BenchmarkVectors(modelDimension);
  }

  /** The vectors of a namespace ({@code ""} is the default), by id. */
  public Map<String, Stored> vectors(String namespace) {
    return Map.copyOf(namespaces.getOrDefault(namespace, Map.of()));
  }

  /** Puts a vector directly, as if another writer had upserted it. */
  public void plant(String namespace, String id, float[] values) {
    namespaces
        .computeIfAbsent(namespace, n -> new ConcurrentHashMap<>())
        .put(id, new Stored(values, Map.of()));
  }

  /** The deterministic embedding of a text: a unit vector seeded by its SHA-256. */
  public static float[] embedding(String text, int dimension) {
    SplittableRandom random = new SplittableRandom(seed(text));
    float[] vector = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) (random.nextDouble() * 2 - 1);
      norm += vector[i] * vector[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dimension; i++) {
      vector[i] *= scale;
    }
    return vector;
  }

  private static long seed(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = seed << 8 | (digest[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Server sockets whose connections send small writes at once: without it, Nagle's algorithm on
   * one side and delayed acknowledgements on the other add up to 40 ms to a request, which a
   * benchmark would measure instead of the latency it injects.
   */
  private static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(
        int port, int backlog, java.net.InetAddress address) throws IOException {
      throw new UnsupportedOperationException();
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    Op op = opOf(request);
    if (op != null) {
      int ofOp = counter(opInFlight, op).incrementAndGet();
      counter(opMaxInFlight, op).accumulateAndGet(ofOp, Math::max);
    }
    try {
      server.takeRequest(0, TimeUnit.NANOSECONDS);
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      long start = System.nanoTime();
      MockResponse response = route(request);
      busyNanos.addAndGet(System.nanoTime() - start);
      return response;
    } finally {
      inFlight.decrementAndGet();
      if (op != null) {
        counter(opInFlight, op).decrementAndGet();
      }
    }
  }

  private static Op opOf(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (request.getMethod().equals("GET")) {
      return path.startsWith("/indexes/") ? Op.DESCRIBE_INDEX : null;
    }
    if (!request.getMethod().equals("POST")) {
      return null;
    }
    return switch (path) {
      case "/describe_index_stats" -> Op.STATS;
      case "/vectors/upsert" -> Op.UPSERT;
      case "/vectors/delete" -> Op.DELETE;
      case "/query" -> Op.QUERY;
      case "/embed" -> Op.EMBED;
      case "/v1/embeddings" -> Op.OPENAI_EMBED;
      default -> null;
    };
  }

  private MockResponse route(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (method.equals("GET") && path.startsWith("/indexes/")) {
      return handle(Op.DESCRIBE_INDEX, SpecContract.Api.CONTROL, "/indexes/{index_name}", request);
    }
    if (method.equals("POST")) {
      switch (path) {
        case "/describe_index_stats":
          return handle(Op.STATS, SpecContract.Api.DATA, path, request);
        case "/vectors/upsert":
          return handle(Op.UPSERT, SpecContract.Api.DATA, path, request);
        case "/vectors/delete":
          return handle(Op.DELETE, SpecContract.Api.DATA, path, request);
        case "/query":
          return handle(Op.QUERY, SpecContract.Api.DATA, path, request);
        case "/embed":
          return handle(Op.EMBED, SpecContract.Api.INFERENCE, path, request);
        case "/v1/embeddings":
          return handle(Op.OPENAI_EMBED, null, path, request);
        default:
          break;
      }
    }
    return json(404, dataError(5, "Not Found: " + method + " " + path));
  }

  private MockResponse handle(Op op, SpecContract.Api api, String path, RecordedRequest request) {
    calls.computeIfAbsent(op, o -> new AtomicInteger()).incrementAndGet();
    CONTRACT_NEEDS_NODES.set(contract != null);
    Answer answer;
    try {
      answer = answer(op, api, path, request);
    } catch (InjectedFault fault) {
      return fault.response;
    } catch (IOException | RuntimeException e) {
      answer = refuse(400, errorFor(api, 400, "INVALID_ARGUMENT", "unreadable body: " + e));
    }
    if (contract != null && api != null && answer.status() != 401) {
      check(
          contract.checkResponse(api, request.getMethod(), path, answer.status(), answer.body()),
          "response to " + op);
    }
    return json(answer.status(), answer.body());
  }

  private record Answer(int status, JsonNode body) {}

  private Answer answer(Op op, SpecContract.Api api, String path, RecordedRequest request)
      throws IOException {
    Answer refused = checkHeaders(op, api, request);
    if (refused != null) {
      return refused;
    }
    if (op == Op.UPSERT && contract == null) {
      return upsertStreaming(request.getBody().toByteArray());
    }
    JsonNode body =
        request.getMethod().equals("POST") ? JSON.readTree(request.getBody().toByteArray()) : null;
    if (contract != null && api != null && body != null) {
      check(contract.checkRequest(api, "POST", path, body), "request to " + op);
    }
    Fault fault = fault(op);
    if (fault != null) {
      throw new InjectedFault(fault.response());
    }
    served.computeIfAbsent(op, o -> new AtomicInteger()).incrementAndGet();
    return switch (op) {
      case DESCRIBE_INDEX -> describe(request);
      case STATS -> stats();
      case UPSERT -> upsert(body, request.getBodySize());
      case DELETE -> delete(body);
      case QUERY -> query(body);
      case EMBED -> embed(body);
      case OPENAI_EMBED -> openAiEmbed(body);
    };
  }

  /** Carries an injected response out of the handlers. */
  private static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient MockResponse response;

    InjectedFault(MockResponse response) {
      super(null, null, false, false);
      this.response = response;
    }
  }

  private Fault fault(Op op) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.op() != op) {
        continue;
      }
      if (fault.seen().getAndIncrement() < fault.skip()) {
        return null;
      }
      if (fault.left().getAndDecrement() > 0) {
        return fault;
      }
      it.remove();
    }
    return null;
  }

  private Answer checkHeaders(Op op, SpecContract.Api api, RecordedRequest request) {
    if (op == Op.OPENAI_EMBED) {
      String auth = request.getHeaders().get("Authorization");
      return ("Bearer " + apiKey).equals(auth)
          ? null
          : refuse(401, openAiError("Incorrect API key provided"));
    }
    if (!apiKey.equals(request.getHeaders().get("Api-Key"))) {
      return refuse(401, JSON.getNodeFactory().textNode("Invalid API Key"));
    }
    if (!"2025-10".equals(request.getHeaders().get("X-Pinecone-Api-Version"))) {
      return refuse(
          400,
          errorFor(
              api,
              400,
              "INVALID_ARGUMENT",
              "this fake answers only API version 2025-10; send X-Pinecone-Api-Version"));
    }
    return null;
  }

  private Answer describe(RecordedRequest request) {
    String name = request.getUrl().pathSegments().get(1);
    if (!name.equals(indexName)) {
      return refuse(404, controlError(404, "NOT_FOUND", "Resource " + name + " not found"));
    }
    ObjectNode index = JSON.createObjectNode();
    index.put("name", indexName);
    index.put("dimension", indexDimension);
    index.put("metric", "cosine");
    index.put("host", hostWithoutScheme());
    index.put("deletion_protection", "disabled");
    ObjectNode serverless = index.putObject("spec").putObject("serverless");
    serverless.put("cloud", "aws");
    serverless.put("region", "us-east-1");
    ObjectNode capacity = serverless.putObject("read_capacity");
    capacity.put("mode", "OnDemand");
    capacity.putObject("status").put("state", "Ready");
    ObjectNode status = index.putObject("status");
    status.put("ready", true);
    status.put("state", "Ready");
    index.put("vector_type", "dense");
    return new Answer(200, index);
  }

  private synchronized Answer stats() {
    Map<String, Long> counts = new HashMap<>();
    namespaces.forEach((name, vectors) -> counts.put(name, (long) vectors.size()));
    if (staleStatsLeft > 0) {
      staleStatsLeft--;
    } else {
      reportedCounts = counts;
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode ns = answer.putObject("namespaces");
    long total = 0;
    for (Map.Entry<String, Long> entry : reportedCounts.entrySet()) {
      ns.putObject(entry.getKey()).put("vectorCount", entry.getValue());
      total += entry.getValue();
    }
    answer.put("dimension", indexDimension);
    answer.put("indexFullness", 0.0);
    answer.put("totalVectorCount", total);
    answer.put("metric", "cosine");
    answer.put("vectorType", "dense");
    return new Answer(200, answer);
  }

  private synchronized void written() {
    staleStatsLeft = statsLag;
  }

  private Answer upsert(JsonNode body, long bytes) {
    JsonNode vectors = body.path("vectors");
    if (bytes > MAX_UPSERT_BYTES) {
      return refuse(
          400,
          dataError(
              3,
              "Request size "
                  + bytes
                  + " bytes exceeds the maximum of "
                  + MAX_UPSERT_BYTES
                  + " bytes"));
    }
    if (!vectors.isArray() || vectors.isEmpty() || vectors.size() > 1000) {
      return refuse(400, dataError(3, "Upsert takes 1 to 1000 vectors, got " + vectors.size()));
    }
    Map<String, Stored> parsed = new HashMap<>();
    for (JsonNode vector : vectors) {
      String problem = problemOf(vector);
      if (problem != null) {
        return refuse(400, dataError(3, problem));
      }
      parsed.put(vector.get("id").asText(), stored(vector));
    }
    namespace(body).putAll(parsed);
    written();
    maxUpsertVectors.accumulateAndGet(vectors.size(), Math::max);
    maxUpsertBytes.accumulateAndGet((int) bytes, Math::max);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("upsertedCount", parsed.size());
    return new Answer(200, answer);
  }

  /**
   * The same checks as {@link #upsert}, reading the body as a stream: without a contract to check,
   * a node per number only costs the benchmark time and memory.
   */
  private Answer upsertStreaming(byte[] body) throws IOException {
    if (body.length > MAX_UPSERT_BYTES) {
      return refuse(
          400,
          dataError(
              3,
              "Request size "
                  + body.length
                  + " bytes exceeds the maximum of "
                  + MAX_UPSERT_BYTES
                  + " bytes"));
    }
    Map<String, Stored> parsed = new HashMap<>();
    String namespace = "";
    int count = 0;
    try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(body)) {
      parser.nextToken();
      while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("namespace")) {
          namespace = parser.getText();
        } else if (field.equals("vectors")) {
          while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            count++;
            String problem = readVector(parser, parsed);
            if (problem != null) {
              return refuse(400, dataError(3, problem));
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    if (count == 0 || count > 1000) {
      return refuse(400, dataError(3, "Upsert takes 1 to 1000 vectors, got " + count));
    }
    namespaces
        .computeIfAbsent(
            namespace.equals("__default__") ? "" : namespace, n -> new ConcurrentHashMap<>())
        .putAll(parsed);
    written();
    maxUpsertVectors.accumulateAndGet(count, Math::max);
    maxUpsertBytes.accumulateAndGet(body.length, Math::max);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("upsertedCount", parsed.size());
    return new Answer(200, answer);
  }

  private String readVector(
      com.fasterxml.jackson.core.JsonParser parser, Map<String, Stored> parsed) throws IOException {
    String id = "";
    Values values = new Values(new float[0], 0);
    JsonNode metadata = JSON.createObjectNode();
    while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "id" -> id = parser.getText();
        case "values" -> values = readValues(parser);
        case "metadata" -> metadata = JSON.readTree(parser);
        default -> parser.skipChildren();
      }
    }
    String problem =
        id.isEmpty() || id.length() > 512
            ? "Vector ID must be 1 to 512 characters"
            : values.count() != indexDimension
                ? "Vector dimension "
                    + values.count()
                    + " does not match the dimension of the index "
                    + indexDimension
                : metadataProblemOf(metadata);
    if (problem == null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JSON.convertValue(metadata, Map.class);
      parsed.put(id, new Stored(values.kept(), map));
    }
    return problem;
  }

  /** The values of a vector as read: those kept, and how many the array held. */
  private record Values(float[] kept, int count) {}

  /**
   * Reads a {@code values} array. In benchmark mode only the first values are converted and kept;
   * the others are only counted (the parser converts a number only when asked for it).
   */
  private Values readValues(com.fasterxml.jackson.core.JsonParser parser) throws IOException {
    if (parser.currentToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
      parser.skipChildren();
      return new Values(new float[0], 0);
    }
    int keep = benchmarkVectors != null ? BENCHMARK_KEPT_VALUES : Integer.MAX_VALUE;
    float[] values = new float[Math.min(keep, 1024)];
    int count = 0;
    com.fasterxml.jackson.core.JsonToken token;
    while ((token = parser.nextToken()) != null && token.isNumeric()) {
      if (count < keep) {
        if (count == values.length) {
          values = java.util.Arrays.copyOf(values, count * 2);
        }
        values[count] = parser.getFloatValue();
      }
      count++;
    }
    if (token != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
      throw new IOException("values must be an array of numbers");
    }
    return new Values(java.util.Arrays.copyOf(values, Math.min(count, keep)), count);
  }

  private Map<String, Stored> namespace(JsonNode body) {
    String name = body.path("namespace").asText("");
    String key = name.equals("__default__") ? "" : name;
    return namespaces.computeIfAbsent(key, n -> new ConcurrentHashMap<>());
  }

  private String problemOf(JsonNode vector) {
    String id = vector.path("id").asText("");
    if (id.isEmpty() || id.length() > 512) {
      return "Vector ID must be 1 to 512 characters, got '" + id + "'";
    }
    JsonNode values = vector.path("values");
    if (!values.isArray() || values.size() != indexDimension) {
      return "Vector dimension "
          + values.size()
          + " does not match the dimension of the index "
          + indexDimension;
    }
    return metadataProblemOf(vector.path("metadata"));
  }

  private static String metadataProblemOf(JsonNode metadata) {
    if (metadata.isMissingNode()) {
      return null;
    }
    if (!metadata.isObject()) {
      return "Metadata must be an object";
    }
    if (metadata.toString().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
      return "Metadata size exceeds the limit of 40960 bytes per vector";
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String problem = metadataProblem(field.getKey(), field.getValue());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String metadataProblem(String key, JsonNode value) {
    if (value.isNull()) {
      return "Metadata value for field '" + key + "' must not be null";
    }
    if (value.isObject()) {
      return "Metadata value for field '" + key + "' must not be a nested object";
    }
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (!element.isTextual()) {
          return "Metadata list for field '" + key + "' must hold only strings";
        }
      }
    }
    return null;
  }

  private Stored stored(JsonNode vector) {
    JsonNode values = vector.get("values");
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.get(i).floatValue();
    }
    Map<String, Object> metadata =
        vector.has("metadata") ? JSON.convertValue(vector.get("metadata"), Map.class) : Map.of();
    return new Stored(floats, metadata);
  }

  private Answer delete(JsonNode body) {
    JsonNode ids = body.path("ids");
    if (ids.size() > 1000) {
      return refuse(400, dataError(3, "Delete takes at most 1000 ids, got " + ids.size()));
    }
    Map<String, Stored> vectors = namespace(body);
    for (JsonNode id : ids) {
      vectors.remove(id.asText());
      deletedIds.add(id.asText());
    }
    written();
    return new Answer(200, JSON.createObjectNode());
  }

  private Answer query(JsonNode body) {
    JsonNode vector = body.path("vector");
    if (vector.size() != indexDimension) {
      return refuse(
          400,
          dataError(
              3,
              "Query vector dimension "
                  + vector.size()
                  + " does not match the dimension of the index "
                  + indexDimension));
    }
    int compared = benchmarkVectors != null ? BENCHMARK_KEPT_VALUES : vector.size();
    float[] query = new float[Math.min(compared, vector.size())];
    for (int i = 0; i < query.length; i++) {
      query[i] = vector.get(i).floatValue();
    }
    int topK = body.path("topK").asInt(10);
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    namespace(body)
        .forEach((id, stored) -> scored.add(Map.entry(id, cosine(query, stored.values()))));
    scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode matches = answer.putArray("matches");
    scored.stream()
        .limit(topK)
        .forEach(e -> matches.addObject().put("id", e.getKey()).put("score", e.getValue()));
    answer.put("namespace", body.path("namespace").asText(""));
    return new Answer(200, answer);
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private Answer embed(JsonNode body) {
    JsonNode inputs = body.path("inputs");
    if (!"multilingual-e5-large".equals(body.path("model").asText())) {
      return refuse(
          400,
          controlError(
              400, "INVALID_ARGUMENT", "Model '" + body.path("model").asText() + "' not found"));
    }
    if (inputs.size() > embedBatchLimit) {
      return refuse(
          400,
          controlError(
              400,
              "INVALID_ARGUMENT",
              "Batch size exceeds " + embedBatchLimit + " inputs for model multilingual-e5-large"));
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("model", "multilingual-e5-large");
    answer.put("vector_type", "dense");
    ArrayNode data = answer.putArray("data");
    long tokens = 0;
    for (JsonNode input : inputs) {
      String text = input.path("text").asText();
      embeddedTexts.add(text);
      tokens += tokens(text);
      ObjectNode item = data.addObject();
      item.put("vector_type", "dense");
      BenchmarkVectors cached = benchmarkVectors;
      item.set(
          "values",
          cached != null ? cached.node(text) : new FloatArrayNode(embedding(text, modelDimension)));
    }
    answer.putObject("usage").put("total_tokens", tokens);
    return new Answer(200, answer);
  }

  private Answer openAiEmbed(JsonNode body) {
    JsonNode input = body.path("input");
    if (input.size() > 2048) {
      return refuse(400, openAiError("input must have at most 2048 items"));
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("object", "list");
    answer.put("model", body.path("model").asText());
    ArrayNode data = answer.putArray("data");
    long tokens = 0;
    for (int i = input.size() - 1; i >= 0; i--) {
      String text = input.get(i).asText();
      embeddedTexts.add(text);
      tokens += tokens(text);
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      ArrayNode values = item.putArray("embedding");
      for (float value : embedding(text, modelDimension)) {
        values.add(value);
      }
    }
    answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return new Answer(200, answer);
  }

  /**
   * A JSON array of floats that writes itself straight from the array: building a node per number
   * made the fake, not the task, the slowest part of a benchmark.
   */
  private static final class FloatArrayNode extends ArrayNode {
    private static final long serialVersionUID = 1L;
    private final transient float[] values;

    FloatArrayNode(float[] values) {
      super(JSON.getNodeFactory());
      this.values = values;
      if (CONTRACT_NEEDS_NODES.get()) {
        for (float value : values) {
          add(value);
        }
      }
    }

    @Override
    public void serialize(
        com.fasterxml.jackson.core.JsonGenerator generator,
        com.fasterxml.jackson.databind.SerializerProvider provider)
        throws IOException {
      generator.writeStartArray();
      for (float value : values) {
        generator.writeNumber(value);
      }
      generator.writeEndArray();
    }
  }

  /** The values a benchmark-mode upsert keeps of each vector (and a query compares). */
  static final int BENCHMARK_KEPT_VALUES = 8;

  /** The embedding of a text in benchmark mode; equal texts get equal vectors. */
  public float[] benchmarkEmbedding(String text) {
    BenchmarkVectors cached = benchmarkVectors;
    if (cached == null) {
      throw new IllegalStateException("not in benchmark mode");
    }
    return cached.vector(text);
  }

  /**
   * Benchmark-mode embeddings: {@value #HEAD} values drawn from the text's hash, so that each text
   * gets its own vector (and a query with it finds its chunk first), followed by one of {@value
   * #TAILS} tails chosen by the hash, each serialized to JSON once. Converting a thousand floats to
   * text per input made the fake, not the task, the bottleneck of a benchmark. The vectors are of
   * unit length up to the head's share (at most 2%).
   */
  private static final class BenchmarkVectors {
    private static final int HEAD = 2;
    private static final int TAILS = 64;
    private final float[][] tails = new float[TAILS][];
    private final com.fasterxml.jackson.core.io.SerializedString[] json =
        new com.fasterxml.jackson.core.io.SerializedString[TAILS];

    BenchmarkVectors(int dimension) {
      for (int k = 0; k < TAILS; k++) {
        tails[k] = embedding("benchmark tail " + k, dimension - HEAD);
        StringBuilder text = new StringBuilder();
        for (float value : tails[k]) {
          text.append(',').append(value);
        }
        json[k] = new com.fasterxml.jackson.core.io.SerializedString(text.toString());
      }
    }

    private float[] head(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] head = new float[HEAD];
      for (int i = 0; i < HEAD; i++) {
        head[i] = (float) (random.nextDouble() * 0.2 - 0.1);
      }
      return head;
    }

    private static int tail(long seed) {
      return (int) Long.remainderUnsigned(seed, TAILS);
    }

    float[] vector(String text) {
      long seed = seed(text);
      float[] vector = java.util.Arrays.copyOf(head(seed), HEAD + tails[tail(seed)].length);
      System.arraycopy(tails[tail(seed)], 0, vector, HEAD, tails[tail(seed)].length);
      return vector;
    }

    ArrayNode node(String text) {
      long seed = seed(text);
      float[] head = head(seed);
      com.fasterxml.jackson.core.io.SerializedString tail = json[tail(seed)];
      return new ArrayNode(JSON.getNodeFactory()) {
        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(
            com.fasterxml.jackson.core.JsonGenerator generator,
            com.fasterxml.jackson.databind.SerializerProvider provider)
            throws IOException {
          generator.writeStartArray();
          for (float value : head) {
            generator.writeNumber(value);
          }
          generator.writeRaw(tail);
          generator.writeEndArray();
        }
      };
    }
  }

  private static final ThreadLocal<Boolean> CONTRACT_NEEDS_NODES =
      ThreadLocal.withInitial(() -> Boolean.TRUE);

  private static long tokens(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }

  private Answer refuse(int status, JsonNode body) {
    refusals.add(status);
    return new Answer(status, body);
  }

  private void check(List<String> problems, String what) {
    for (String problem : problems) {
      violations.add(what + ": " + problem);
    }
  }

  private static JsonNode errorFor(SpecContract.Api api, int status, String code, String message) {
    return api == SpecContract.Api.DATA
        ? dataError(3, message)
        : controlError(status, code, message);
  }

  private static JsonNode dataError(int code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("code", code);
    error.put("message", message);
    error.putArray("details");
    return error;
  }

  private static JsonNode controlError(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    body.put("status", status);
    return body;
  }

  private static JsonNode openAiError(String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error");
    return body;
  }

  private static MockResponse json(int status, JsonNode body) {
    try {
      return new MockResponse.Builder()
          .code(status)
          .setHeader("Content-Type", "application/json")
          .body(new okio.Buffer().write(JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
