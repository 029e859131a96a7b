package io.camarad.upkeep.cli;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB's H2 store, committed only between commands.
 *
 * <p>By default an MVStore commits from a background thread every second, and also whenever its
 * unsaved memory passes a threshold; either commit can land in the middle of a write command: a
 * document stored, its unique-index entry not yet. A process killed right after leaves a file whose
 * index and documents disagree, and every later insert of that key fails ("already existed"), night
 * after night. Here automatic commits are off: commands run under a shared lock, and once a command
 * returns, what changed is committed under the exclusive lock. The file therefore always holds the
 * state between two commands, and a write that the driver saw acknowledged is in the file.
 */
final class CommittingH2Backend extends H2Backend {
  private final ReadWriteLock commands = new ReentrantReadWriteLock();
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

  private CommittingH2Backend(MVStore store) {
    super(store);
  }

  /** Opens (or creates) the data file with automatic commits off. */
  static CommittingH2Backend open(Path file) {
    // Both automatic commits off: the timed one (a background thread) and the one the store
    // makes by itself when its unsaved memory grows past autoCommitBufferSize.
    MVStore store =
        new MVStore.Builder()
            .fileName(file.toString())
            .autoCommitDisabled()
            .autoCommitBufferSize(0)
            .open();
    try {
      return new CommittingH2Backend(store);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw e;
    }
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    return betweenCommits(() -> super.handleMessage(message));
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    return betweenCommits(() -> super.handleQuery(query));
  }

  private <T> T betweenCommits(Supplier<T> command) {
    boolean outermost = depth.get() == 0;
    depth.set(depth.get() + 1);
    commands.readLock().lock();
    try {
      return command.get();
    } finally {
      commands.readLock().unlock();
      depth.set(depth.get() - 1);
      if (outermost) {
        commitChanges();
      }
    }
  }

  private void commitChanges() {
    MVStore store = getMvStore();
    if (store.isClosed() || !store.hasUnsavedChanges()) {
      return;
    }
    commands.writeLock().lock();
    try {
      store.commit();
    } finally {
      commands.writeLock().unlock();
    }
  }
}
