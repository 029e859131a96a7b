package io.camarad.upkeep.task.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Health;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** Probes a MongoDB deployment: ping, server version, and replica set state when there is one. */
final class MongoHealthProbe {

  private MongoHealthProbe() {}

  static Health probe(MongoDatabase database) {
    try {
      database.runCommand(new Document("ping", 1));
      Map<String, String> facts = new LinkedHashMap<>();
      Document build = database.runCommand(new Document("buildInfo", 1));
      facts.put("version", String.valueOf(build.get("version")));
      Document hello = hello(database);
      String setName = hello.getString("setName");
      if (setName != null) {
        facts.put("replicaSet", setName);
        facts.put("primary", String.valueOf(hello.get("primary")));
        facts.put("writable", String.valueOf(isWritable(hello)));
      }
      return Health.up(describe(facts)).withFacts(facts);
    } catch (MongoException e) {
      return Health.down(
          "MongoDB unreachable: "
              + e.getClass().getSimpleName()
              + ": "
              + UriMasker.maskAll(e.getMessage()));
    }
  }

  /** {@code hello}, or {@code isMaster} on servers that predate it. */
  static Document hello(MongoDatabase database) {
    try {
      return database.runCommand(new Document("hello", 1));
    } catch (com.mongodb.MongoCommandException e) {
      return database.runCommand(new Document("isMaster", 1));
    }
  }

  private static boolean isWritable(Document hello) {
    return Boolean.TRUE.equals(hello.getBoolean("isWritablePrimary"))
        || Boolean.TRUE.equals(hello.getBoolean("ismaster"));
  }

  private static String describe(Map<String, String> facts) {
    String line = "MongoDB " + facts.get("version");
    if (facts.containsKey("replicaSet")) {
      line +=
          ", replica set "
              + facts.get("replicaSet")
              + " (primary "
              + facts.get("primary")
              + (Boolean.parseBoolean(facts.get("writable")) ? ", writable)" : ", not writable)");
    } else {
      line += ", standalone";
    }
    return line;
  }
}
