package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudflarePurgerTests {
  private static final String TOKEN = "planted-cf-token-5f2b9c";
  private CloudflareFake fake;
  private final RecordingRetries context = new RecordingRetries();
  private final List<PendingPurge> progress = new ArrayList<>();

  /**
   * The purger takes the engine's {@link ServiceCalls}, not a whole context: this one retries a
   * retryable failure up to three attempts at once, recording each failure and the wait it asked
   * for, so the tests see what the purger tells the engine without sleeping through a Retry-After
   * (the engine's own retries are tested in upkeep-core).
   */
  private static final class RecordingRetries implements ServiceCalls {
    final List<Duration> retryWaits = new ArrayList<>();
    final List<Exception> retried = new ArrayList<>();

    @Override
    public <T> T call(String service, Call<T> call) throws Exception {
      for (int attempt = 1; ; attempt++) {
        try {
          return call.attempt();
        } catch (ServiceException e) {
          if (!e.retryable() || attempt >= 3) {
            throw e;
          }
          retried.add(e);
          e.retryAfter().ifPresent(retryWaits::add);
        }
      }
    }

    ServiceCalls services() {
      return this;
    }

    Cancellation cancellation() {
      return new Cancellation() {
        @Override
        public boolean isCancelled() {
          return false;
        }

        @Override
        public String reason() {
          return "";
        }
      };
    }
  }

  @BeforeEach
  void start() throws Exception {
    fake = new CloudflareFake(TOKEN, 100);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CloudflarePurger purger(int batchSize) {
    return new CloudflarePurger(
        new OkHttpClient(),
        fake.baseUrl(),
        CloudflareFake.ZONE,
        Secret.of("CLOUDFLARE_API_TOKEN", TOKEN),
        context.services(),
        new PurgePacer(1000),
        batchSize,
        Clock.systemUTC());
  }

  private int purge(int batchSize, PendingPurge pending) throws Exception {
    return purger(batchSize).purge(pending, progress::add, context.cancellation());
  }

  private static List<String> urls(int count) {
    return IntStream.range(0, count).mapToObj(i -> "https://camarad.example/p/" + i).toList();
  }

  @Test
  void purgesFilesInBatchesOfTheLimitWithTheBearerToken() throws Exception {
    int requests = purge(100, new PendingPurge(false, List.of(), urls(250)));

    assertThat(requests).isEqualTo(3);
    assertThat(fake.fileBatches).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(fake.purgedFiles).containsExactlyElementsOf(urls(250));
    assertThat(fake.authorizations).containsOnly("Bearer " + TOKEN);
    assertThat(progress.get(progress.size() - 1).isEmpty()).isTrue();
  }

  @Test
  void purgesHostsWithoutSchemeOrEverythingWhenAsked() throws Exception {
    purge(100, new PendingPurge(false, List.of("camarad.example"), List.of()));
    purge(100, new PendingPurge(true, List.of(), List.of()));

    assertThat(fake.purgedHosts).containsExactly("camarad.example");
    assertThat(fake.everything).isEqualTo(1);
  }

  @Test
  void retriesA429AfterTheRetryAfterItGave() throws Exception {
    fake.failNext(0, CloudflareFake.Fault.RATE_LIMITED);

    purge(100, new PendingPurge(false, List.of(), urls(3)));

    assertThat(context.retryWaits).containsExactly(Duration.ofSeconds(7));
    assertThat(fake.purgedFiles).hasSize(3);
  }

  @Test
  void retriesA5xx() throws Exception {
    fake.failNext(0, CloudflareFake.Fault.SERVER_ERROR);

    purge(100, new PendingPurge(false, List.of(), urls(3)));

    assertThat(context.retried)
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("HTTP 502"));
    assertThat(fake.purgedFiles).hasSize(3);
  }

  @Test
  void failsAtOnceOnSuccessFalseWithCloudflaresCodeAndMessage() {
    fake.failNext(0, CloudflareFake.Fault.SUCCESS_FALSE);

    assertThatThrownBy(() -> purge(100, new PendingPurge(false, List.of(), urls(3))))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("HTTP 200")
                  .contains("1134 Purge is temporarily disabled for this zone")
                  .doesNotContain(TOKEN);
            });
    assertThat(context.retried).isEmpty();
  }

  @Test
  void treatsAnUnreadableAnswerAsRetryableAndFailsWhenItPersists() {
    fake.failNext(
        0,
        CloudflareFake.Fault.GARBAGE,
        CloudflareFake.Fault.GARBAGE,
        CloudflareFake.Fault.GARBAGE);

    assertThatThrownBy(() -> purge(100, new PendingPurge(false, List.of(), urls(3))))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("unreadable answer")
                    .contains("upstream glitch"));
    assertThat(context.retried).hasSize(2);
  }

  @Test
  void reportsWhatIsLeftAfterEachBatchSoAFailurePartWayLosesNothing() {
    fake.failNext(2, CloudflareFake.Fault.SUCCESS_FALSE);

    assertThatThrownBy(() -> purge(100, new PendingPurge(false, List.of(), urls(450))));

    assertThat(fake.purgedFiles).hasSize(200);
    PendingPurge left = progress.get(progress.size() - 1);
    assertThat(left.files()).containsExactlyElementsOf(urls(450).subList(200, 450));
  }

  @Test
  void aRefusalByTheServiceIsPermanentAndNamesTheError() {
    CloudflarePurger wrongToken =
        new CloudflarePurger(
            new OkHttpClient(),
            fake.baseUrl(),
            CloudflareFake.ZONE,
            Secret.of("CLOUDFLARE_API_TOKEN", "nope"),
            context.services(),
            new PurgePacer(1000),
            100,
            Clock.systemUTC());

    assertThatThrownBy(
            () ->
                wrongToken.purge(
                    new PendingPurge(false, List.of(), urls(1)),
                    progress::add,
                    context.cancellation()))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.status()).hasValue(403);
              assertThat(e.getMessage()).contains("10000 Authentication error");
            });
  }
}
