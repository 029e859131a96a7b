package io.camarad.upkeep.task.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import java.util.stream.Collectors;

/**
 * Runs MongoDB operations under the protocol's resilience policy for the service {@code mongodb}:
 * network faults, timeouts and primary changes are retryable; refused operations (duplicate keys,
 * bad commands) are not. Every operation wrapped here is idempotent.
 */
final class MongoCalls {
  static final String SERVICE = "mongodb";

  private final ServiceCalls services;

  MongoCalls(ServiceCalls services) {
    this.services = services;
  }

  /** Runs {@code operation}, described by {@code what} in failures ("bulk write to users"). */
  <T> T run(String what, ServiceCalls.Call<T> operation) throws Exception {
    return services.call(SERVICE, () -> attempt(what, operation));
  }

  private static <T> T attempt(String what, ServiceCalls.Call<T> operation) throws Exception {
    try {
      return operation.attempt();
    } catch (MongoException e) {
      throw classify(what, e);
    }
  }

  static ServiceException classify(String what, MongoException e) {
    if (isRetryable(e)) {
      return ServiceException.retryable(SERVICE, what + " failed: " + e.getMessage(), e);
    }
    if (e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()) {
      String errors =
          bulk.getWriteErrors().stream()
              .limit(WriteErrors.SHOWN)
              .map(
                  error ->
                      "code "
                          + error.getCode()
                          + ": "
                          + WriteErrors.cut(String.valueOf(error.getMessage()), 120))
              .collect(Collectors.joining("; "));
      int more = bulk.getWriteErrors().size() - WriteErrors.SHOWN;
      return ServiceException.permanent(
          SERVICE, what + " refused: " + errors + (more > 0 ? "; and " + more + " more" : ""), -1);
    }
    return ServiceException.permanent(SERVICE, what + " failed: " + e.getMessage(), e);
  }

  private static boolean isRetryable(MongoException e) {
    return e instanceof MongoSocketException
        || e instanceof MongoTimeoutException
        || e instanceof MongoExecutionTimeoutException
        || e instanceof MongoNotPrimaryException
        || e instanceof MongoNodeIsRecoveringException
        || e instanceof MongoWriteConcernException
        || e instanceof MongoInterruptedException
        || (e instanceof MongoCommandException && e.hasErrorLabel("RetryableWriteError"));
  }
}
