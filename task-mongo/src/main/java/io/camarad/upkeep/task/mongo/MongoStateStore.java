package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * One document per task and one per run. A task's state is replaced as a whole document, which
 * MongoDB writes atomically; maps are stored as arrays of {@code {k, v}} pairs because their keys
 * may hold dots or dollars.
 */
final class MongoStateStore implements StateStore {
  private final MongoCollection<Document> states;
  private final MongoCollection<Document> runs;
  private final Clock clock;

  MongoStateStore(MongoCollection<Document> states, MongoCollection<Document> runs, Clock clock) {
    this.states = states;
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public Optional<TaskStateRecord> load(String taskId) {
    Document document = states.find(Filters.eq("_id", taskId)).first();
    if (document == null) {
      return Optional.empty();
    }
    Date lastSuccess = document.getDate("lastSuccess");
    return Optional.of(
        new TaskStateRecord(
            taskId,
            fromPairs(document.getList("values", Document.class, List.of())),
            lastSuccess == null ? null : lastSuccess.toInstant(),
            document.getString("lastRunId"),
            fromPairs(document.getList("fingerprints", Document.class, List.of()))));
  }

  @Override
  public void save(TaskStateRecord state) {
    Document document =
        new Document("_id", state.taskId())
            .append("values", toPairs(state.values()))
            .append(
                "lastSuccess", state.lastSuccess() == null ? null : Date.from(state.lastSuccess()))
            .append("lastRunId", state.lastRunId())
            .append("fingerprints", toPairs(state.fingerprints()))
            .append("savedAt", Date.from(clock.instant()));
    states.replaceOne(
        Filters.eq("_id", state.taskId()), document, new ReplaceOptions().upsert(true));
  }

  @Override
  public void recordRun(String runId, String reportJson) {
    Document run =
        new Document("_id", runId)
            .append("recordedAt", Date.from(clock.instant()))
            .append("report", reportJson);
    runs.replaceOne(Filters.eq("_id", runId), run, new ReplaceOptions().upsert(true));
  }

  @Override
  public List<String> history(int limit) {
    List<String> reports = new ArrayList<>();
    for (Document run : runs.find().sort(Sorts.descending("recordedAt", "_id")).limit(limit)) {
      reports.add(run.getString("report"));
    }
    return reports;
  }

  /** The store borrows the shared client, which the engine closes with the resource. */
  @Override
  public void close() {}

  private static List<Document> toPairs(Map<String, String> map) {
    List<Document> pairs = new ArrayList<>();
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> pairs.add(new Document("k", e.getKey()).append("v", e.getValue())));
    return pairs;
  }

  private static Map<String, String> fromPairs(List<Document> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    pairs.forEach(pair -> map.put(pair.getString("k"), pair.getString("v")));
    return map;
  }
}
