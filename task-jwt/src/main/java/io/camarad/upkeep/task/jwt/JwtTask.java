package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.CancelledException;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskState;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Rotates the signing keys of the site's tokens and publishes the JWK Set, the way identity
 * providers do: a key is published as <i>next</i> at least one verifier cache lifetime before it
 * signs, exactly one key signs at a time, and a retired key stays published until every token it
 * signed has expired and every cache has let go of it.
 *
 * <p>The key ring lives in a {@link KeyStore} (a private directory under the task's data directory,
 * or a MongoDB collection with keys sealed by a key-encryption key); the public set goes to every
 * configured target (a file, a MongoDB document, an HTTP endpoint, Google Cloud Secret Manager).
 * Apply can be undone in full from the rollback copies it keeps.
 *
 * @since 0.1
 */
public final class JwtTask implements UpkeepTask {
  /** The task id in the protocol. */
  public static final String ID = "jwt";

  private static final String APPLY_RUN = "applyRun";
  private static final String RING_APPLIED = "fingerprint.ringApplied";
  private static final String NEXT_DUE_APPLIED = "fingerprint.nextDueApplied";
  private static final String RING_PLANNED = "fingerprint.ringPlanned";
  private static final String NEXT_DUE_PLANNED = "fingerprint.nextDuePlanned";

  private final RingApplier.Checkpoint checkpoint;
  private final OkHttpClient http = new OkHttpClient();

  /** The task as the engine discovers it. */
  public JwtTask() {
    this((step, target) -> {});
  }

  /** For tests: a task whose applier calls {@code checkpoint} after each write. */
  JwtTask(RingApplier.Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "rotates the JWT signing keys and publishes the JWK Set";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return JwtSettings.spec();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    JwtSettings checked = JwtSettings.from(settings);
    if (checked.keyEncryptionKey().isPresent()) {
      KeyEncryption.fromSecret(JwtSettings.KEY_ENCRYPTION_KEY, checked.keyEncryptionKey().get());
    }
    for (JwtSettings.TargetSettings target : checked.targets()) {
      if (target.type() == JwtSettings.TargetType.GCP_SECRET_MANAGER) {
        TaskSetup.serviceAccount(target);
      }
    }
  }

  @Override
  public Reversibility reversibility() {
    return Reversibility.FULL;
  }

  @Override
  public TaskPlan plan(TaskContext context) throws Exception {
    TaskSetup setup = TaskSetup.open(context, http);
    Instant now = context.clock().instant();
    KeyRing ring = setup.store().load().orElse(KeyRing.EMPTY);
    RotationPlan rotation = setup.planner().plan(ring.entries(), now);

    Map<String, String> fingerprints = fingerprints(context, setup, ring, rotation);
    List<PlannedChange> changes = changes(setup, context, ring, rotation, now);
    if (changes.isEmpty()) {
      return TaskPlan.upToDate(upToDateReason(ring, rotation), fingerprints);
    }
    return TaskPlan.changes(summary(rotation, changes), changes, fingerprints);
  }

  @Override
  public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
    // Recorded first, so that undo never reaches for the rollback copies of an earlier run.
    context.state().put(APPLY_RUN, context.runId());
    TaskSetup setup = TaskSetup.open(context, http);
    Instant now = context.clock().instant();
    Optional<KeyRing> current = setup.store().load();
    RotationPlan rotation = setup.planner().plan(current.orElse(KeyRing.EMPTY).entries(), now);

    RingApplier.Result result = applyWithin(context, setup, current, rotation, now);

    recordState(context, setup, result, plan);
    return outcome(context, rotation, result);
  }

  /** Applies; an I/O failure caused by the deadline's interrupt is reported as cancellation. */
  private RingApplier.Result applyWithin(
      TaskContext context,
      TaskSetup setup,
      Optional<KeyRing> current,
      RotationPlan rotation,
      Instant now)
      throws Exception {
    try {
      return setup.applier(checkpoint).apply(context, current, rotation, now);
    } catch (IOException e) {
      if (!context.cancellation().isCancelled()) {
        throw e;
      }
      CancelledException cancelled = new CancelledException(context.cancellation().reason());
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  @Override
  public void undo(TaskContext context, UndoReason reason) throws Exception {
    TaskSetup setup = TaskSetup.open(context, http);
    String runId = context.state().get(APPLY_RUN).orElse(context.runId());
    context.logger().info("Task '{}' undoing run {} ({})", context.taskId(), runId, reason);
    setup.applier(checkpoint).undo(context, runId);
  }

  @Override
  public Health health(TaskContext context) {
    try {
      return JwksHealthProbe.probe(context, TaskSetup.open(context, http));
    } catch (Exception e) {
      return Health.down("task '" + ID + "' cannot read its key ring: " + e.getMessage());
    }
  }

  private List<PlannedChange> changes(
      TaskSetup setup, TaskContext context, KeyRing ring, RotationPlan rotation, Instant now)
      throws Exception {
    List<PlannedChange> changes = new ArrayList<>();
    for (Transition transition : rotation.transitions()) {
      changes.add(transition.describe(setup.settings().policy(), now));
    }
    if (rotation.upToDate()) {
      addStaleTargets(setup, context, Publication.of(ring), changes);
    } else {
      boolean newSigningKey = rotation.transitions().stream().anyMatch(JwtTask::signsAnew);
      for (PublicationTarget target : setup.targets()) {
        if (target instanceof SecretManagerTarget && !newSigningKey) {
          continue;
        }
        String what = target instanceof SecretManagerTarget ? "the new signing key" : "the JWK Set";
        changes.add(new PlannedChange("publish", target.describe(), what));
      }
    }
    return changes;
  }

  private static boolean signsAnew(Transition transition) {
    return transition instanceof Transition.Activate
        || transition instanceof Transition.Create create && create.state() == KeyState.ACTIVE;
  }

  private void addStaleTargets(
      TaskSetup setup, TaskContext context, Publication publication, List<PlannedChange> changes)
      throws Exception {
    RingApplier applier = setup.applier((step, target) -> {});
    for (int i = 0; i < setup.targets().size(); i++) {
      if (!applier.holds(context, i, publication)) {
        String target = setup.targets().get(i).describe();
        changes.add(new PlannedChange("publish", target, "does not hold the current JWK Set"));
      }
    }
  }

  /**
   * The ring's state, its next due instant and the settings. The engine records the fingerprints of
   * the plan that an apply carried out, but the keys that apply creates cannot be known when
   * planning; so while the ring is exactly what the last apply left, the plan repeats the
   * fingerprints recorded for that apply, and the engine sees an unchanged input.
   */
  private static Map<String, String> fingerprints(
      TaskContext context, TaskSetup setup, KeyRing ring, RotationPlan rotation) {
    String ringPrint = Fingerprints.ofRing(ring);
    String nextDue = rotation.nextDue().toString();
    TaskState state = context.state();
    if (state.get(RING_APPLIED).filter(ringPrint::equals).isPresent()
        && state.get(NEXT_DUE_APPLIED).filter(nextDue::equals).isPresent()) {
      ringPrint = state.get(RING_PLANNED).orElse(ringPrint);
      nextDue = state.get(NEXT_DUE_PLANNED).orElse(nextDue);
    }
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("ring", ringPrint);
    fingerprints.put("nextDue", nextDue);
    fingerprints.put("settings", Fingerprints.ofSettings(setup.settings(), setup.targets()));
    return fingerprints;
  }

  private static String upToDateReason(KeyRing ring, RotationPlan rotation) {
    String active = ring.active().map(StoredKey::kid).orElse("none");
    return "up to date: key "
        + active
        + " signs, the next key is published; next change due "
        + InstantText.of(rotation.nextDue());
  }

  private static String summary(RotationPlan rotation, List<PlannedChange> changes) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    changes.forEach(change -> counts.merge(change.action(), 1, Integer::sum));
    StringBuilder line = new StringBuilder();
    counts.forEach(
        (action, count) ->
            line.append(line.length() == 0 ? "" : ", ").append(action).append(' ').append(count));
    return line + "; then next change due " + InstantText.of(rotation.nextDue());
  }

  private static void recordState(
      TaskContext context, TaskSetup setup, RingApplier.Result result, TaskPlan plan) {
    TaskState state = context.state();
    Instant nextDue = setup.planner().nextDue(result.ring().entries(), context.clock().instant());
    result.ring().active().ifPresent(active -> state.put("activeKid", active.kid()));
    state.put("nextDue", nextDue.toString());
    state.put(RING_APPLIED, Fingerprints.ofRing(result.ring()));
    state.put(NEXT_DUE_APPLIED, nextDue.toString());
    putOrRemove(state, RING_PLANNED, plan.fingerprints().get("ring"));
    putOrRemove(state, NEXT_DUE_PLANNED, plan.fingerprints().get("nextDue"));
  }

  private static void putOrRemove(TaskState state, String key, String value) {
    if (value == null) {
      state.remove(key);
    } else {
      state.put(key, value);
    }
  }

  private static TaskOutcome outcome(
      TaskContext context, RotationPlan rotation, RingApplier.Result result) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List.of("created", "activated", "retired", "removed").forEach(name -> counts.put(name, 0L));
    for (Transition transition : rotation.transitions()) {
      counts.merge(transition.countName(), 1L, Long::sum);
    }
    counts.put("targets_published", (long) result.published());
    String summary =
        (rotation.upToDate() ? "key ring unchanged" : "key ring: " + result.ring().describe())
            + "; published to "
            + result.published()
            + " target(s); next change due "
            + InstantText.of(rotation.nextDue());
    context.logger().info("Task '{}' {}", context.taskId(), summary);
    return new TaskOutcome(summary, counts);
  }
}
