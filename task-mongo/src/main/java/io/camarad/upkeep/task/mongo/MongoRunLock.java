package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.api.spi.RunLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;

/** A lease held in MongoDB; renewed and released only while this owner and token hold it. */
final class MongoRunLock implements RunLock {
  private final MongoCollection<Document> locks;
  private final ServerClock clock;
  private final Duration lease;
  private final Logger logger;
  private volatile LockInfo info;

  MongoRunLock(
      MongoCollection<Document> locks,
      ServerClock clock,
      LockInfo info,
      Duration lease,
      Logger logger) {
    this.locks = locks;
    this.clock = clock;
    this.info = info;
    this.lease = lease;
    this.logger = logger;
  }

  @Override
  public LockInfo info() {
    return info;
  }

  @Override
  public void renew() throws Exception {
    Instant expiresAt = clock.now().plus(lease);
    UpdateResult result = locks.updateOne(mine(), Updates.set("expiresAt", Date.from(expiresAt)));
    if (result.getMatchedCount() == 0) {
      throw new IllegalStateException(
          "the run lock of run "
              + info.runId()
              + " was lost (fencing"
              + " token "
              + info.fencingToken()
              + "): another upkeep took it after the lease lapsed;"
              + " stop writing and let that run finish");
    }
    LockInfo held = info;
    info =
        new LockInfo(
            held.owner(),
            held.host(),
            held.pid(),
            held.runId(),
            held.acquiredAt(),
            expiresAt,
            held.fencingToken());
  }

  @Override
  public void close() {
    UpdateResult result =
        locks.updateOne(
            mine(),
            Updates.combine(
                Updates.set("owner", null), Updates.set("expiresAt", Date.from(clock.now()))));
    if (result.getMatchedCount() == 0) {
      logger.warn(
          "Run lock of run {} was already taken by another owner; left as it is", info.runId());
    }
  }

  private Bson mine() {
    return Filters.and(
        Filters.eq("_id", MongoLockProvider.LOCK_ID),
        Filters.eq("owner", info.owner()),
        Filters.eq("fencingToken", info.fencingToken()));
  }
}
