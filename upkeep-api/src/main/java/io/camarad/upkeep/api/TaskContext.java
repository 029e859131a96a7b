package io.camarad.upkeep.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;

/**
 * What the engine hands a task for one call: its settings, state, clock, deadline, and the shared
 * facilities of the run. A context is valid only during the call it was passed to.
 *
 * <p>Implementations are thread-safe: a task may use its context from worker threads it starts
 * itself, as long as they finish before the call returns.
 *
 * @since 0.1
 */
public interface TaskContext {

  /** The id of the task this context belongs to. */
  String taskId();

  /** The id of the run, unique per run, for logs and idempotency keys. */
  String runId();

  /** Whether this call is part of a plan (nothing may change) or an apply. */
  RunMode mode();

  /** The task's settings from the protocol, validated, with defaults filled in. */
  Settings settings();

  /**
   * The task's own persisted state. Read-only during a plan; during apply and undo, changes are
   * saved atomically when the call returns, whether it succeeded or not.
   */
  TaskState state();

  /**
   * A directory under the state directory that belongs to this task (backups, key rings,
   * manifests). It exists when apply or undo is called; during a plan it may not exist and must not
   * be written.
   */
  Path dataDirectory();

  /** The clock of the run; tests replace it, so never read the system clock directly. */
  Clock clock();

  /** The instant by which the current call must return. */
  Instant deadline();

  /** The time left before {@link #deadline()}, never negative. */
  default Duration remaining() {
    Duration left = Duration.between(clock().instant(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * A timeout for one client call: {@code preferred}, or less if the deadline is nearer. Give it to
   * HTTP and database clients so that a slow service cannot outlive the task's deadline.
   */
  default Duration timeout(Duration preferred) {
    Duration left = remaining();
    return left.compareTo(preferred) < 0 ? left : preferred;
  }

  /** The cancellation signal: the deadline passed, the run was interrupted, or aborted. */
  Cancellation cancellation();

  /** Progress lines for the person watching the run. */
  ProgressReporter progress();

  /** Usage counters (API calls, units written) for the report and the metrics. */
  UsageRecorder usage();

  /** The task's logger; its name includes the task id. */
  Logger logger();

  /** Retries, backoff and circuit breaking around calls to external services. */
  ServiceCalls services();

  /**
   * A shared resource declared in the protocol under {@code resources}, for example {@code
   * resource("mongo", MongoDatabase.class)}. The same instance is handed to every task.
   *
   * @throws IllegalArgumentException if no resource of that name is declared, or it cannot be seen
   *     as the given type; the message names both
   */
  <T> T resource(String name, Class<T> type);

  /** Whether a resource of that name is declared. */
  boolean hasResource(String name);

  /**
   * A secret from the environment or the {@code .env} file, by variable name. Prefer secrets
   * declared as settings; this is for optional credentials.
   */
  Optional<Secret> secret(String variable);

  /**
   * The fencing token of the run lock, when the lock provider issues one: a number that grows with
   * every acquisition, to be written with changes so that a stale holder is detected.
   */
  OptionalLong fencingToken();

  /** The instant this run started; use it instead of "now" for values that mean "this run". */
  Instant runStartedAt();
}
