package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packs vectors into upsert requests that hold at most {@code maxVectors} vectors and {@code
 * maxBytes} bytes of JSON, measured on the bytes actually sent. Each vector is serialized once; a
 * request body is the concatenation of its vectors' JSON. Thread-safe.
 */
final class UpsertBatcher {
  private static final byte[] ID_FIELD = "{\"id\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUES_FIELD = ",\"values\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] METADATA_FIELD = ",\"metadata\":".getBytes(StandardCharsets.UTF_8);
  private final ObjectMapper json;
  private final int maxVectors;
  private final long maxBytes;
  private final byte[] prefix;
  private final byte[] suffix;
  private final List<byte[]> pending = new ArrayList<>();
  private final List<ChunkRecord> pendingRecords = new ArrayList<>();
  private long pendingBytes;

  UpsertBatcher(ObjectMapper json, String namespace, int maxVectors, long maxBytes) {
    this.json = json;
    this.maxVectors = maxVectors;
    this.maxBytes = maxBytes;
    this.prefix = "{\"vectors\":[".getBytes(StandardCharsets.UTF_8);
    this.suffix = suffix(json, namespace);
  }

  private static byte[] suffix(ObjectMapper json, String namespace) {
    try {
      return ("],\"namespace\":" + json.writeValueAsString(namespace) + "}")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the namespace as JSON", e);
    }
  }

  /**
   * Adds a vector; returns the batch that was full before it, if adding it would have gone over a
   * limit.
   */
  synchronized Optional<UpsertBatch> add(Chunk chunk, JsonVector values, ChunkRecord record)
      throws IOException {
    byte[] vector = serialize(chunk.vectorId(), values, chunk.metadata());
    if (envelope() + vector.length > maxBytes) {
      throw new IOException(
          "vector "
              + chunk.vectorId()
              + " alone takes "
              + vector.length
              + " bytes, more than an upsert may hold ("
              + maxBytes
              + ")");
    }
    Optional<UpsertBatch> full = Optional.empty();
    if (!pending.isEmpty() && (pending.size() >= maxVectors || sizeWith(vector) > maxBytes)) {
      full = Optional.of(seal());
    }
    pending.add(vector);
    pendingRecords.add(record);
    pendingBytes += vector.length;
    return full;
  }

  /** The vectors not yet in a batch, as a last batch. */
  synchronized Optional<UpsertBatch> drain() {
    return pending.isEmpty() ? Optional.empty() : Optional.of(seal());
  }

  private long sizeWith(byte[] vector) {
    return envelope() + pendingBytes + pending.size() + vector.length;
  }

  private long envelope() {
    return prefix.length + suffix.length;
  }

  private UpsertBatch seal() {
    int size = (int) (envelope() + pendingBytes + pending.size() - 1);
    ByteArrayOutputStream body = new ByteArrayOutputStream(size);
    body.writeBytes(prefix);
    for (int i = 0; i < pending.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(pending.get(i));
    }
    body.writeBytes(suffix);
    UpsertBatch batch = new UpsertBatch(body.toByteArray(), pendingRecords);
    pending.clear();
    pendingRecords.clear();
    pendingBytes = 0;
    return batch;
  }

  /** {@code {"id":...,"values":[...],"metadata":{...}}}, the values copied as they came. */
  private byte[] serialize(String id, JsonVector values, Map<String, Object> metadata)
      throws IOException {
    byte[] idJson = json.writeValueAsBytes(id);
    byte[] metadataJson = json.writeValueAsBytes(metadata);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(values.json().length + idJson.length + metadataJson.length + 32);
    out.writeBytes(ID_FIELD);
    out.writeBytes(idJson);
    out.writeBytes(VALUES_FIELD);
    out.writeBytes(values.json());
    out.writeBytes(METADATA_FIELD);
    out.writeBytes(metadataJson);
    out.write('}');
    return out.toByteArray();
  }
}
