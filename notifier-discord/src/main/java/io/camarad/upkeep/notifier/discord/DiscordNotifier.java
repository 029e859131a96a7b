package io.camarad.upkeep.notifier.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;

/**
 * Tells a Discord channel about each run: one message per run and webhook, posted when the run
 * starts and edited in place when it ends, with an embed that shows the run's state and a line
 * per task. Several webhooks can each take their own runs (every run to {@code #ops}, failures
 * to {@code #alerts}) and ping their own users or roles.
 *
 * <p>Nothing a task writes can ping anyone: every request carries {@code allowed_mentions}
 * with an empty {@code parse}, and only the configured ids are allowed, only for the configured
 * run states. Because Discord does not notify mentions added by an edit, a run that must ping
 * is posted as a new message and the start message is deleted.
 *
 * <p>Faults never fail the run: each request goes through the {@code discord} service policy
 * (429, 5xx and network errors are retried, with the wait Discord asks for, within {@code
 * retryBudget}; an unknown webhook or an invalid token is not retried). A webhook that cannot
 * be reached is logged as a warning, named by its {@code name} or index; its URL, which holds
 * its token, appears in no log line, report or exception message.
 *
 * <p>One instance serves one protocol entry, and is called on the run's thread: it keeps the
 * start messages' ids from {@link #runStarted} to {@link #runFinished}.
 *
 * @since 0.1
 */
public final class DiscordNotifier implements Notifier {
  /** The {@code type} of the notifier's protocol entries. */
  public static final String TYPE = "discord";

  private final Map<Integer, String> startMessages = new HashMap<>();
  private String startedRunId;
  private Delivery delivery;

  /** Called by {@link java.util.ServiceLoader}. */
  public DiscordNotifier() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SettingsSpec settingsSpec() {
    return DiscordSettings.spec();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    DiscordSettings.from(settings);
  }

  @Override
  public void runStarted(NotifierContext context, RunStarted started) throws Exception {
    Delivery delivery = delivery(context);
    startMessages.clear();
    startedRunId = started.runId();
    if (!delivery.settings().postOnStart()) {
      return;
    }
    WebhookMessage message = delivery.composer().started(started);
    for (WebhookRoute route : delivery.settings().routes()) {
      if (route.wantsStart()) {
        postStart(context, delivery, route, message, started.runId());
      }
    }
  }

  private void postStart(
      NotifierContext context,
      Delivery delivery,
      WebhookRoute route,
      WebhookMessage message,
      String runId)
      throws InterruptedException {
    try {
      delivery.client().post(route, message).ifPresent(id -> startMessages.put(route.index(), id));
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      warn(context.logger(), route, "could not post the start of run " + runId, failure);
    }
  }

  @Override
  public void runFinished(NotifierContext context, RunReport report) throws Exception {
    Delivery delivery = delivery(context);
    List<String> failures = new ArrayList<>();
    try {
      for (WebhookRoute route : delivery.settings().routes()) {
        if (route.wants(report.status())) {
          finish(context, delivery, route, report).ifPresent(failures::add);
        }
      }
    } finally {
      startMessages.clear();
      startedRunId = null;
    }
    if (!failures.isEmpty()) {
      throw new DeliveryException(failures, delivery.settings().routes().size());
    }
  }

  /** Delivers the end of the run to one webhook; returns what went wrong, if anything. */
  private Optional<String> finish(
      NotifierContext context, Delivery delivery, WebhookRoute route, RunReport report)
      throws InterruptedException {
    WebhookMessage message = delivery.composer().finished(report, route.mention());
    try {
      deliver(context.logger(), delivery.client(), route, message, startMessage(route, report));
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      String what = "could not post run " + report.runId();
      String reason = warn(context.logger(), route, what, failure);
      return Optional.of(route.label() + ": " + reason);
    }
  }

  private Optional<String> startMessage(WebhookRoute route, RunReport report) {
    boolean sameRun = report.runId().equals(startedRunId);
    return sameRun ? Optional.ofNullable(startMessages.get(route.index())) : Optional.empty();
  }

  private static void deliver(
      Logger logger,
      DiscordClient client,
      WebhookRoute route,
      WebhookMessage message,
      Optional<String> startMessage)
      throws Exception {
    if (startMessage.isEmpty()) {
      client.post(route, message);
    } else if (message.pings()) {
      // Discord does not notify mentions added by an edit: post anew, remove the old message.
      client.post(route, message);
      deleteStart(logger, client, route, startMessage.get());
    } else {
      editOrPost(logger, client, route, message, startMessage.get());
    }
  }

  private static void editOrPost(
      Logger logger,
      DiscordClient client,
      WebhookRoute route,
      WebhookMessage message,
      String startMessage)
      throws Exception {
    try {
      client.edit(route, startMessage, message);
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      warn(logger, route, "could not edit the start message, posting a new one", failure);
      client.post(route, message);
    }
  }

  private static void deleteStart(
      Logger logger, DiscordClient client, WebhookRoute route, String startMessage)
      throws InterruptedException {
    try {
      client.delete(route, startMessage);
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      warn(logger, route, "could not delete the start message", failure);
    }
  }

  /** Logs a warning about {@code route}; returns the reason, with the webhook's token masked. */
  private static String warn(Logger logger, WebhookRoute route, String what, Exception failure) {
    String reason = Redactor.forWebhook(route.url()).apply(String.valueOf(failure.getMessage()));
    logger.warn("Discord {}: {}: {}", route.label(), what, reason);
    return reason;
  }

  private Delivery delivery(NotifierContext context) throws SettingsException {
    if (delivery == null || delivery.source() != context.settings()) {
      delivery = Delivery.of(context);
    }
    return delivery;
  }

  /** What the notifier needs for a run, built from one settings object. */
  private record Delivery(
      Settings source, DiscordSettings settings, MessageComposer composer, DiscordClient client) {

    static Delivery of(NotifierContext context) throws SettingsException {
      DiscordSettings settings = DiscordSettings.from(context.settings());
      OkHttpClient http =
          new OkHttpClient.Builder()
              .callTimeout(settings.timeout())
              .retryOnConnectionFailure(false)
              .followRedirects(false)
              .build();
      DiscordClient client =
          new DiscordClient(
              http,
              new ObjectMapper(),
              context.services(),
              context.clock(),
              settings.retryBudget(),
              context.engineVersion());
      MessageComposer composer = new MessageComposer(context.engineVersion(), settings.username());
      return new Delivery(context.settings(), settings, composer, client);
    }
  }
}
