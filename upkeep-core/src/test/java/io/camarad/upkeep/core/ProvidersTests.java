package io.camarad.upkeep.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.Resource;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.StateStoreProvider;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTests {
  @TempDir Path stateDir;

  /** A "database" resource that counts opens and closes. */
  static final class CountingProvider implements ResourceProvider {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final String type;
    private final int priority;
    private final String acceptedUri;

    CountingProvider(String type, int priority, String acceptedUri) {
      this.type = type;
      this.priority = priority;
      this.acceptedUri = acceptedUri;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public SettingsSpec settingsSpec() {
      return SettingsSpec.builder()
          .string("uri", "embedded", "where it is")
          .string("database", "camarad", "its name")
          .build();
    }

    @Override
    public boolean accepts(Settings declaration) {
      return acceptedUri == null || acceptedUri.equals(declaration.string("uri"));
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public Resource open(String name, ProviderContext context) {
      opened.incrementAndGet();
      StringBuilder db =
          new StringBuilder(
              name + "/" + context.settings().string("database") + " via " + priority);
      return new Resource() {
        @Override
        public <T> Optional<T> unwrap(Class<T> t) {
          return t.isInstance(db) ? Optional.of(t.cast(db)) : Optional.empty();
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }
  }

  @Test
  void resourcesOpenLazilyOnceAreSharedAndCloseAtTheEndOfTheRun() throws Exception {
    CountingProvider provider = new CountingProvider("db", 0, null);
    List<Object> seen = new ArrayList<>();
    FakeTask a =
        FakeTasks.succeeding("a")
            .onApply(ctx -> seen.add(ctx.resource("main", StringBuilder.class)));
    FakeTask b =
        FakeTasks.succeeding("b", "a")
            .onApply(ctx -> seen.add(ctx.resource("main", StringBuilder.class)));
    Map<String, Object> protocol =
        Map.of("resources", Map.of("main", Map.of("type", "db", "database", "shop")));
    try (Upkeep upkeep =
        Fixtures.engine(stateDir, protocol, a, b).resourceProvider(provider).build()) {
      upkeep.plan();
      assertThat(provider.opened).hasValue(0);

      upkeep.apply();

      assertThat(provider.opened).hasValue(1);
      assertThat(provider.closed).hasValue(1);
      assertThat(seen).hasSize(2);
      assertThat(seen.get(0)).isSameAs(seen.get(1)).hasToString("main/shop via 0");
    }
  }

  @Test
  void theAcceptingProviderWithTheHighestPriorityServesADeclaration() throws Exception {
    CountingProvider real = new CountingProvider("db", 0, null);
    CountingProvider embedded = new CountingProvider("db", 10, "embedded");
    AtomicReference<Object> seen = new AtomicReference<>();
    FakeTask a =
        FakeTasks.succeeding("a")
            .onApply(ctx -> seen.set(ctx.resource("main", StringBuilder.class)));
    Map<String, Object> protocol = Map.of("resources", Map.of("main", Map.of("type", "db")));
    try (Upkeep upkeep =
        Fixtures.engine(stateDir, protocol, a)
            .resourceProvider(real)
            .resourceProvider(embedded)
            .build()) {
      upkeep.apply();

      assertThat(seen.get()).hasToString("main/camarad via 10");
    }
  }

  @Test
  void anUndeclaredResourceFailsTheTaskNamingWhatIsDeclared() throws Exception {
    FakeTask a =
        FakeTasks.succeeding("a").onApply(ctx -> ctx.resource("mongo", StringBuilder.class));
    try (Upkeep upkeep = Fixtures.engine(stateDir, a).build()) {
      assertThat(upkeep.apply().task("a").orElseThrow().summary())
          .contains("no resource named 'mongo'");
    }
  }

  @Test
  void unknownResourceTypeIsAConfigurationProblem() {
    Map<String, Object> protocol =
        Map.of("resources", Map.of("mongo", Map.of("type", "mongodb", "uri", "embedded")));

    assertThatThrownBy(() -> Fixtures.engine(stateDir, protocol).build())
        .isInstanceOf(ConfigurationFailedException.class)
        .hasMessageContaining("resources.mongo.type")
        .hasMessageContaining("no resource provider of type 'mongodb'");
  }

  @Test
  void theStateStoreIsChosenByType() throws Exception {
    Map<String, TaskStateRecord> saved = new ConcurrentHashMap<>();
    StateStoreProvider memory =
        new StateStoreProvider() {
          @Override
          public String type() {
            return "memory";
          }

          @Override
          public StateStore open(ProviderContext context) {
            return new StateStore() {
              @Override
              public Optional<TaskStateRecord> load(String taskId) {
                return Optional.ofNullable(saved.get(taskId));
              }

              @Override
              public void save(TaskStateRecord state) {
                saved.put(state.taskId(), state);
              }

              @Override
              public void recordRun(String runId, String reportJson) {}

              @Override
              public List<String> history(int limit) {
                return List.of();
              }
            };
          }
        };
    Map<String, Object> protocol = Map.of("state", Map.of("type", "memory"));
    try (Upkeep upkeep =
        Fixtures.engine(stateDir, protocol, FakeTasks.succeeding("a"))
            .stateStoreProvider(memory)
            .build()) {
      upkeep.apply();

      assertThat(saved).containsKey("a");
      assertThat(upkeep.apply().status()).isEqualTo(RunStatus.NOTHING_TO_DO);
      assertThat(stateDir.resolve("state")).doesNotExist();
    }
  }

  @Test
  void anUnsetVariableInAResourceDeclarationIsReportedOnce() {
    Map<String, Object> protocol =
        Map.of("resources", Map.of("main", Map.of("type", "db", "uri", "${DB_URI}")));

    assertThatThrownBy(
            () ->
                Fixtures.engine(stateDir, protocol)
                    .resourceProvider(new CountingProvider("db", 0, null))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.path()).isEqualTo("resources.main.uri");
                          assertThat(p.message()).contains("DB_URI");
                        }));
  }

  @Test
  void anUnsetVariableIsReportedOnceWhenSeveralProvidersServeTheType() throws Exception {
    Path file = stateDir.resolve("p.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        resources:
          mongo: { type: db, uri: embedded, database: "${NOT_SET}" }
        """);

    assertThatThrownBy(
            () ->
                Upkeep.builder()
                    .discovery(false)
                    .protocol(file)
                    .environment(Map.of())
                    .stateDirectory(stateDir)
                    .resourceProvider(new CountingProvider("db", 10, "embedded"))
                    .resourceProvider(new CountingProvider("db", 0, null))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> {
              assertThat(e.problems())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.path()).isEqualTo("resources.mongo.database");
                        assertThat(p.message()).contains("NOT_SET");
                      });
              assertThat(e.getMessage().split("NOT_SET", -1)).hasSize(3);
            });
  }
}
