package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * "Now" as the MongoDB server sees it ({@code hello}'s {@code localTime}, corrected by half the
 * round trip), so that hosts with skewed clocks agree on lease expiry. Falls back to the local
 * clock when the server does not report its time.
 */
final class ServerClock {
  private final MongoDatabase database;
  private final Clock local;
  private final boolean useServer;

  ServerClock(MongoDatabase database, Clock local, boolean useServer) {
    this.database = database;
    this.local = local;
    this.useServer = useServer;
  }

  Instant now() {
    if (!useServer) {
      return local.instant();
    }
    Instant before = local.instant();
    Document hello = MongoHealthProbe.hello(database);
    Instant after = local.instant();
    Object serverTime = hello.get("localTime");
    if (!(serverTime instanceof Date date)) {
      return after;
    }
    Duration halfTrip = Duration.between(before, after).dividedBy(2);
    return date.toInstant().plus(halfTrip);
  }
}
