package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.RunLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The built-in run lock, {@code lock: { type: file }}: a lease in {@code <stateDir>/lock.json} with
 * owner, host, pid, run id and expiry. Every change to the lease happens under an OS file lock on
 * {@code <stateDir>/lock.guard} (and a lock per file inside this JVM), so two processes never both
 * take it. A lease that expired, or whose holder on this host is no longer alive, is taken over; a
 * released lease keeps its fencing token so tokens keep growing.
 */
public final class FileLockProvider implements LockProvider {
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "file";
  }

  @Override
  public RunLock acquire(ProviderContext context, LockRequest request) throws Exception {
    Lease lease = new Lease(context.stateDirectory(), context.clock());
    LockInfo taken = lease.take(request);
    return new FileRunLock(lease, taken, request.lease());
  }

  @Override
  public Optional<LockInfo> holder(ProviderContext context) throws IOException {
    Lease lease = new Lease(context.stateDirectory(), context.clock());
    return lease.read().filter(f -> !lease.lapsed(f)).map(LeaseFile::holder);
  }

  /**
   * The lease as stored.
   *
   * @param holder the last holder
   * @param released whether the holder released it
   */
  record LeaseFile(LockInfo holder, boolean released) {}

  /** Reads and changes the lease file under the guard. */
  static final class Lease {
    private final Path file;
    private final Path guard;
    private final Clock clock;

    Lease(Path stateDirectory, Clock clock) {
      this.file = stateDirectory.resolve("lock.json");
      this.guard = stateDirectory.resolve("lock.guard");
      this.clock = clock;
    }

    Optional<LeaseFile> read() throws IOException {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      return Optional.of(JsonCodec.read(json, LeaseFile.class));
    }

    boolean lapsed(LeaseFile lease) {
      LockInfo h = lease.holder();
      if (lease.released() || h.expiresAt().isBefore(clock.instant())) {
        return true;
      }
      boolean sameHost = h.host().equals(HostIdentity.host());
      return sameHost
          && h.pid() != HostIdentity.pid()
          && !ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    LockInfo take(LockRequest request) throws Exception {
      return guarded(
          () -> {
            Optional<LeaseFile> current = read();
            if (current.isPresent()
                && !lapsed(current.get())
                && !current.get().holder().owner().equals(request.owner())) {
              throw new LockUnavailableException(current.get().holder());
            }
            long token = current.map(f -> f.holder().fencingToken()).orElse(0L) + 1;
            Instant now = clock.instant();
            LockInfo info =
                new LockInfo(
                    request.owner(),
                    request.host(),
                    request.pid(),
                    request.runId(),
                    now,
                    now.plus(request.lease()),
                    token);
            write(new LeaseFile(info, false));
            return info;
          });
    }

    LockInfo renew(LockInfo mine, Duration leaseTime) throws Exception {
      return guarded(
          () -> {
            LeaseFile current = read().orElse(null);
            if (current == null
                || current.released()
                || !current.holder().owner().equals(mine.owner())
                || current.holder().fencingToken() != mine.fencingToken()) {
              throw new IllegalStateException(
                  "the run lock was lost: "
                      + (current == null
                          ? "the lease file is gone"
                          : "now held by " + current.holder().describe()));
            }
            LockInfo renewed =
                new LockInfo(
                    mine.owner(),
                    mine.host(),
                    mine.pid(),
                    mine.runId(),
                    mine.acquiredAt(),
                    clock.instant().plus(leaseTime),
                    mine.fencingToken());
            write(new LeaseFile(renewed, false));
            return renewed;
          });
    }

    void release(LockInfo mine) throws Exception {
      guarded(
          () -> {
            Optional<LeaseFile> current = read();
            boolean ours =
                current.isPresent()
                    && !current.get().released()
                    && current.get().holder().owner().equals(mine.owner())
                    && current.get().holder().fencingToken() == mine.fencingToken();
            if (ours) {
              LockInfo h = current.get().holder();
              write(
                  new LeaseFile(
                      new LockInfo(
                          h.owner(),
                          h.host(),
                          h.pid(),
                          h.runId(),
                          h.acquiredAt(),
                          clock.instant(),
                          h.fencingToken()),
                      true));
            }
            return null;
          });
    }

    private void write(LeaseFile lease) throws IOException {
      AtomicFileWriter.write(file, JsonCodec.pretty(lease));
    }

    private interface GuardedAction<T> {
      T run() throws Exception;
    }

    private <T> T guarded(GuardedAction<T> action) throws Exception {
      Files.createDirectories(file.getParent());
      ReentrantLock local =
          IN_PROCESS.computeIfAbsent(guard.toAbsolutePath().normalize(), p -> new ReentrantLock());
      local.lock();
      try (FileChannel channel =
          FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock os = channel.lock();
        try {
          return action.run();
        } finally {
          os.release();
        }
      } finally {
        local.unlock();
      }
    }
  }

  /** A held lease. */
  private static final class FileRunLock implements RunLock {
    private final Lease lease;
    private final Duration leaseTime;
    private volatile LockInfo info;

    FileRunLock(Lease lease, LockInfo info, Duration leaseTime) {
      this.lease = lease;
      this.info = info;
      this.leaseTime = leaseTime;
    }

    @Override
    public LockInfo info() {
      return info;
    }

    @Override
    public void renew() throws Exception {
      info = lease.renew(info, leaseTime);
    }

    @Override
    public void close() throws IOException {
      try {
        lease.release(info);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("releasing the lease failed: " + e.getMessage(), e);
      }
    }
  }
}
