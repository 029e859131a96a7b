package io.camarad.upkeep.notifier.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

  @Test
  void readsWholeAndFractionalSecondsRoundedUpToTheMillisecond() {
    assertThat(RetryAfter.fromHeader("1")).contains(Duration.ofSeconds(1));
    assertThat(RetryAfter.fromHeader(" 0.25 ")).contains(Duration.ofMillis(250));
    assertThat(RetryAfter.fromSeconds(0.0001)).contains(Duration.ofMillis(1));
    assertThat(RetryAfter.fromSeconds(0)).contains(Duration.ZERO);
  }

  @Test
  void ignoresWhatIsNotANumberOfSeconds() {
    assertThat(RetryAfter.fromHeader(null)).isEmpty();
    assertThat(RetryAfter.fromHeader("")).isEmpty();
    assertThat(RetryAfter.fromHeader("Wed, 21 Oct 2026 07:28:00 GMT")).isEmpty();
    assertThat(RetryAfter.fromHeader("-3")).isEmpty();
    assertThat(RetryAfter.fromSeconds(Double.NaN)).isEmpty();
  }

  @Test
  void boundsAnAbsurdWaitToADay() {
    assertThat(RetryAfter.fromSeconds(1e300)).contains(Duration.ofDays(1));
  }
}
