package io.camarad.upkeep.task.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.RunLock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The run lock as a lease document in MongoDB, for schedulers on several hosts: {@code {_id:
 * "upkeep-run-lock", owner, host, pid, runId, acquiredAt, expiresAt, fencingToken}}. It is taken
 * with one conditional upsert (only when free, lapsed, or already ours), expires by the server's
 * clock where the server reports it, and its fencing token grows with every acquisition. The
 * document is never deleted, so the token never goes back.
 *
 * @since 0.1
 */
public final class MongoLockProvider implements LockProvider {
  static final String LOCK_ID = "upkeep-run-lock";
  private static final int DUPLICATE_KEY = 11000;

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .string("resource", "mongo", "the shared MongoDB resource declared under resources")
        .string("collection", "upkeep_locks", "collection holding the lease document")
        .bool(
            "serverClock",
            true,
            "take lease times from the server's clock (hello localTime) instead of this host's")
        .build();
  }

  @Override
  public RunLock acquire(ProviderContext context, LockRequest request) throws Exception {
    MongoCollection<Document> locks = locks(context);
    ServerClock clock = clock(context);
    Instant now = clock.now();
    try {
      Document lease =
          locks.findOneAndUpdate(
              takeable(request.owner(), now),
              take(request, now),
              new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      context
          .logger()
          .info(
              "Run lock taken by {} on {} (fencing token {})",
              request.runId(),
              request.host(),
              lease.get("fencingToken"));
      return new MongoRunLock(locks, clock, toInfo(lease), request.lease(), context.logger());
    } catch (MongoCommandException | MongoWriteException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
      Optional<LockInfo> holder = holder(context);
      throw new LockUnavailableException(holder.orElseGet(() -> unknownHolder(now)));
    }
  }

  @Override
  public Optional<LockInfo> holder(ProviderContext context) {
    Document lease = locks(context).find(Filters.eq("_id", LOCK_ID)).first();
    if (lease == null || lease.getString("owner") == null) {
      return Optional.empty();
    }
    LockInfo info = toInfo(lease);
    return info.expiresAt().isAfter(clock(context).now()) ? Optional.of(info) : Optional.empty();
  }

  private static Bson takeable(String owner, Instant now) {
    return Filters.and(
        Filters.eq("_id", LOCK_ID),
        Filters.or(
            Filters.eq("owner", null),
            Filters.lte("expiresAt", Date.from(now)),
            Filters.eq("owner", owner)));
  }

  private static Bson take(LockRequest request, Instant now) {
    return Updates.combine(
        Updates.set("owner", request.owner()),
        Updates.set("host", request.host()),
        Updates.set("pid", request.pid()),
        Updates.set("runId", request.runId()),
        Updates.set("acquiredAt", Date.from(now)),
        Updates.set("expiresAt", Date.from(now.plus(request.lease()))),
        Updates.inc("fencingToken", 1L));
  }

  static LockInfo toInfo(Document lease) {
    return new LockInfo(
        lease.getString("owner"),
        lease.getString("host"),
        ((Number) lease.get("pid", 0L)).longValue(),
        lease.getString("runId"),
        lease.getDate("acquiredAt").toInstant(),
        lease.getDate("expiresAt").toInstant(),
        ((Number) lease.get("fencingToken")).longValue());
  }

  private static LockInfo unknownHolder(Instant now) {
    return new LockInfo("unknown", "unknown", 0, "unknown", now, now, 0);
  }

  private static boolean isDuplicateKey(Exception e) {
    if (e instanceof MongoWriteException write) {
      return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
    return ((MongoCommandException) e).getErrorCode() == DUPLICATE_KEY;
  }

  private static MongoCollection<Document> locks(ProviderContext context) {
    return database(context).getCollection(context.settings().string("collection"));
  }

  private static ServerClock clock(ProviderContext context) {
    return new ServerClock(
        database(context), context.clock(), context.settings().bool("serverClock"));
  }

  private static MongoDatabase database(ProviderContext context) {
    return context.resource(context.settings().string("resource"), MongoDatabase.class);
  }
}
