package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.TaskContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Makes a {@link RotationPlan} real, in an order that survives a crash at any point, and undoes it
 * from the rollback copies.
 *
 * <p>The order of writes, and why each reader stays safe if the process dies after any step:
 *
 * <ol>
 *   <li><b>Keep rollback copies</b> of the ring and of what each target holds. Nothing else has
 *       changed yet.
 *   <li><b>Stage the ring</b>: the old ring plus every new key, all new keys as <i>next</i>
 *       (published, not signing); no key changes state. The ring still signs with the same active
 *       key, which every published set still holds. A later run treats the staged keys as ordinary
 *       next keys.
 *   <li><b>Publish</b> to each target, one after the other, the set of the <i>final</i> ring: it
 *       holds the old active key (as retired) and the new active key, so a target that is updated
 *       and a target that is not yet updated both hold the key the ring signs with. Keys that are
 *       removed were retired past every token's lifetime: no reader needs them.
 *   <li><b>Commit the ring</b>: activations, retirements and removals in one atomic write. From now
 *       on the new key signs, and every target already holds it.
 * </ol>
 *
 * <p>On a first run there is no signing key before step 4, and nothing was published before either;
 * a crash there leaves staged next keys, and the next run activates the oldest at once.
 */
final class RingApplier {

  /** The points between writes; tests stop the applier at each one to act out a crash. */
  enum Step {
    ROLLBACK_KEPT,
    RING_STAGED,
    TARGET_PUBLISHED,
    RING_COMMITTED
  }

  /** Called after each step; the production checkpoint only checks for cancellation. */
  @FunctionalInterface
  interface Checkpoint {
    void reached(Step step, int target) throws Exception;
  }

  /**
   * What an apply did.
   *
   * @param ring the ring as committed
   * @param created the ids of the keys created
   * @param published the number of targets written
   */
  record Result(KeyRing ring, List<String> created, int published) {}

  private final KeyStore store;
  private final List<PublicationTarget> targets;
  private final RollbackArchive archive;
  private final KeyMinter minter;
  private final Checkpoint checkpoint;

  RingApplier(
      KeyStore store,
      List<PublicationTarget> targets,
      RollbackArchive archive,
      KeyMinter minter,
      Checkpoint checkpoint) {
    this.store = store;
    this.targets = List.copyOf(targets);
    this.archive = archive;
    this.minter = minter;
    this.checkpoint = checkpoint;
  }

  /** Applies {@code plan}, made for {@code current} at {@code now}. */
  Result apply(TaskContext context, Optional<KeyRing> current, RotationPlan plan, Instant now)
      throws Exception {
    String runId = context.runId();
    KeyRing before = current.orElse(KeyRing.EMPTY);

    keepRollbackCopies(context, runId, current);
    checkpoint.reached(Step.ROLLBACK_KEPT, -1);

    Map<String, StoredKey> minted = mint(plan, now);
    if (!minted.isEmpty()) {
      store.save(staged(before, minted, now));
    }
    checkpoint.reached(Step.RING_STAGED, -1);

    KeyRing committed = committed(before, plan, minted);
    Publication publication = Publication.of(committed);
    int published = publish(context, runId, publication);

    if (!plan.upToDate()) {
      store.save(committed);
    }
    checkpoint.reached(Step.RING_COMMITTED, -1);
    List<String> created = minted.values().stream().map(StoredKey::kid).toList();
    return new Result(committed, created, published);
  }

  /**
   * Restores the ring and then every target that {@code runId} touched. Every target is tried; the
   * first failure is thrown with the others attached.
   */
  void undo(TaskContext context, String runId) throws Exception {
    Logger logger = context.logger();
    if (!archive.hasRing(runId)) {
      // The ring's copy is the first thing an apply writes: without it nothing was changed.
      logger.info("Task '{}' changed nothing in run {}: nothing to undo", context.taskId(), runId);
      return;
    }
    Optional<KeyRing> previous = archive.previousRing(runId);
    // The ring first: if it cannot be restored, the targets keep the set that holds its key.
    restoreRing(previous);
    Publication previousPublication = Publication.of(previous.orElse(KeyRing.EMPTY));

    Exception failure = null;
    for (int i = targets.size() - 1; i >= 0; i--) {
      try {
        restoreTarget(context, runId, i, previousPublication);
      } catch (Exception e) {
        logger.warn(
            "Task '{}' could not restore {}: {}",
            context.taskId(),
            targets.get(i).describe(),
            e.getMessage());
        failure = attach(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void keepRollbackCopies(TaskContext context, String runId, Optional<KeyRing> current)
      throws Exception {
    archive.prune();
    archive.keepRing(runId, current);
    for (int i = 0; i < targets.size(); i++) {
      archive.keepSnapshot(runId, i, targets.get(i).snapshot(context));
    }
  }

  private Map<String, StoredKey> mint(RotationPlan plan, Instant now) {
    Map<String, StoredKey> minted = new LinkedHashMap<>();
    for (Transition transition : plan.transitions()) {
      if (transition instanceof Transition.Create create) {
        minted.put(create.ref(), minter.mint(create.algorithm(), now));
      }
    }
    return minted;
  }

  /** The old ring plus the new keys, all as next keys. */
  private static KeyRing staged(KeyRing before, Map<String, StoredKey> minted, Instant now) {
    List<StoredKey> keys = new ArrayList<>(before.keys());
    minted.values().forEach(key -> keys.add(key.with(key.entry().moveTo(KeyState.NEXT, now))));
    return new KeyRing(keys);
  }

  /** The ring as the plan projects it, with key material for every key. */
  private static KeyRing committed(
      KeyRing before, RotationPlan plan, Map<String, StoredKey> minted) {
    List<StoredKey> keys = new ArrayList<>();
    for (KeyEntry entry : plan.projected()) {
      StoredKey key = minted.get(entry.kid());
      if (key != null) {
        keys.add(key.with(withKid(entry, key.kid())));
      } else {
        keys.add(before.find(entry.kid()).orElseThrow().with(entry));
      }
    }
    return new KeyRing(keys);
  }

  private static KeyEntry withKid(KeyEntry entry, String kid) {
    return new KeyEntry(
        kid, entry.algorithm(), entry.state(), entry.publishedAt(), entry.stateSince());
  }

  /** Publishes to every target that does not already hold {@code publication}. */
  private int publish(TaskContext context, String runId, Publication publication) throws Exception {
    int published = 0;
    for (int i = 0; i < targets.size(); i++) {
      context.cancellation().throwIfCancelled();
      PublicationTarget target = targets.get(i);
      if (holds(context, i, publication)) {
        continue;
      }
      archive.markAttempted(runId, i);
      archive.keepReceipt(runId, i, target.publish(context, publication));
      context.state().put(publishedKey(i), target.digest(publication));
      published++;
      context.progress().report(i + 1, targets.size(), "targets published");
      context
          .logger()
          .info(
              "Task '{}' published the JWK Set (active key {}) to {}",
              context.taskId(),
              publication.activeKid().orElse("none"),
              target.describe());
      checkpoint.reached(Step.TARGET_PUBLISHED, i);
    }
    return published;
  }

  /** Whether target {@code index} was last given {@code publication} and still holds it. */
  boolean holds(TaskContext context, int index, Publication publication) throws Exception {
    Optional<String> last = context.state().get(publishedKey(index));
    return last.filter(targets.get(index).digest(publication)::equals).isPresent()
        && targets.get(index).holds(context, publication);
  }

  private String publishedKey(int index) {
    return "published." + targets.get(index).describe();
  }

  private void restoreRing(Optional<KeyRing> previous) throws Exception {
    if (previous.isPresent()) {
      store.save(previous.get());
    } else {
      store.delete();
    }
  }

  private void restoreTarget(TaskContext context, String runId, int index, Publication previous)
      throws Exception {
    if (!archive.attempted(runId, index)) {
      return;
    }
    PublicationTarget target = targets.get(index);
    Optional<String> snapshot = archive.snapshot(runId, index);
    target.restore(context, snapshot, archive.receipt(runId, index), previous);
    context.state().put(publishedKey(index), target.digest(previous));
    context.logger().info("Task '{}' restored {}", context.taskId(), target.describe());
  }

  private static Exception attach(Exception first, Exception later) {
    if (first == null) {
      return later;
    }
    first.addSuppressed(later);
    return first;
  }
}
