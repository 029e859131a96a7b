package io.camarad.upkeep.notifier.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedactorTests {
  private static final String TOKEN = "planted-token-0b7c1d";
  private static final String URL = "https://discord.com/api/webhooks/1001/" + TOKEN;

  private final WebhookUrl webhook =
      WebhookUrl.parse(Secret.of("DISCORD_WEBHOOK_URL", URL), Optional.empty()).orElseThrow();

  @Test
  void masksTheTokenInAnIoFailureAndItsCausesButKeepsTheirStory() {
    IOException cause = new SocketTimeoutException("timeout calling " + URL);
    IOException failure = new IOException("unexpected end of stream on " + URL, cause);

    RedactedException copy = RedactedException.of(failure, Redactor.forWebhook(webhook));

    String trace = stackTrace(copy);
    assertThat(trace)
        .doesNotContain(TOKEN)
        .contains(
            "java.io.IOException: unexpected end of stream on https://discord.com/api/"
                + "webhooks/1001/"
                + Redactor.MASK)
        .contains("java.net.SocketTimeoutException: timeout calling");
    assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
  }

  @Test
  void neverPrintsTheTokenOfAWebhookUrl() {
    assertThat(webhook.toString()).doesNotContain(TOKEN).contains("1001");
    assertThat(webhook.executeUrl().toString())
        .isEqualTo("https://discord.com/api/v10/webhooks/1001/" + TOKEN + "?wait=true");
  }

  @Test
  void derivesTheApiBaseFromTheWebhookUrlKeepingAThread() {
    Secret withThread = Secret.of("X", "http://127.0.0.1:8080/api/v9/webhooks/7/tok?thread_id=99");

    WebhookUrl url = WebhookUrl.parse(withThread, Optional.empty()).orElseThrow();

    assertThat(url.messageUrl("5").toString())
        .isEqualTo("http://127.0.0.1:8080/api/v10/webhooks/7/tok/messages/5?thread_id=99");
  }

  @Test
  void refusesUrlsThatAreNotWebhooks() {
    assertThat(WebhookUrl.parse(Secret.of("X", "not a url"), Optional.empty())).isEmpty();
    assertThat(
            WebhookUrl.parse(
                Secret.of("X", "https://discord.com/api/webhooks/1001"), Optional.empty()))
        .isEmpty();
    assertThat(
            WebhookUrl.parse(
                Secret.of("X", "https://discord.com/api/webhooks/abc/tok"), Optional.empty()))
        .isEmpty();
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
