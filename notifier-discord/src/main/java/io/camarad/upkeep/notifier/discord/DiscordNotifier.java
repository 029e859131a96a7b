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
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;

/**
 * Tells a Discord channel about each run: one message per run and webhook, posted when the run
 * starts and edited in place when it ends, with an embed that shows the run's state and a line per
 * task. Several webhooks can each take their own runs (every run to {@code #ops}, failures to
 * {@code #alerts}) and ping their own users or roles.
 *
 * <p>Nothing a task writes can ping anyone: every request carries {@code allowed_mentions} with an
 * empty {@code parse}, and only the configured ids are allowed, only for the configured run states.
 * Because Discord does not notify mentions added by an edit, a run that must ping is posted as a
 * new message and the start message is deleted.
 *
 * <p>Faults never fail the run: each request goes through the {@code discord} service policy (429,
 * 5xx and network errors are retried, with the wait Discord asks for, within {@code retryBudget};
 * an unknown webhook or an invalid token is not retried). A webhook that cannot be reached is
 * logged as a warning, named by its {@code name} or index; its URL, which holds its token, appears
 * in no log line, report or exception message.
 *
 * <p>One instance serves one protocol entry, and is called on the run's thread: it keeps the start
 * messages' ids from {@link #runStarted} to {@link #runFinished}.
 *
 * @since 0.1
 */
public final class DiscordNotifier implements Notifier {
  /** The {@code type} of the notifier's protocol entries. */
  public static final String TYPE = "discord";

  private RunStart start = RunStart.none();
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

  /** Posts the start message where the end is sure to follow; a failure is only logged. */
  @Override
  public void runStarted(NotifierContext context, RunStarted started) throws Exception {
    Delivery current = delivery(context);
    start = new RunStart(started.runId());
    if (!current.settings().postOnStart()) {
      return;
    }
    WebhookMessage message = current.composer().started(started);
    for (WebhookRoute route : current.settings().routes()) {
      if (route.wantsStart()) {
        postStart(context.logger(), current.client(), route, message);
      }
    }
  }

  private void postStart(
      Logger logger, DiscordClient client, WebhookRoute route, WebhookMessage message)
      throws InterruptedException {
    try {
      client.post(route, message).ifPresent(id -> start.posted(route, id));
      logger.debug("Discord {}: posted the start of the run", route.label());
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      String what = "could not post the start of the run";
      String reason = EndDelivery.warn(logger, route, what, failure);
      if (DiscordRefusal.webhookUnusable(failure)) {
        start.unusable(route, reason);
      }
    }
  }

  /**
   * Delivers the run's end to every webhook that wants it, each on its own.
   *
   * @throws DeliveryException after trying them all, if some did not get it
   */
  @Override
  public void runFinished(NotifierContext context, RunReport report) throws Exception {
    Delivery current = delivery(context);
    RunStart ofThisRun = start.isOf(report.runId()) ? start : RunStart.none();
    start = RunStart.none();
    List<String> failures = new ArrayList<>();
    for (WebhookRoute route : current.settings().routes()) {
      if (route.wants(report.status())) {
        finish(context.logger(), current, route, report, ofThisRun).ifPresent(failures::add);
      }
    }
    if (!failures.isEmpty()) {
      throw new DeliveryException(failures, current.settings().routes().size());
    }
  }

  /** Delivers the end of the run to one webhook; returns what went wrong, if anything. */
  private static Optional<String> finish(
      Logger logger, Delivery delivery, WebhookRoute route, RunReport report, RunStart start)
      throws InterruptedException {
    Optional<String> unusable = start.unusableReason(route);
    if (unusable.isPresent()) {
      logger.warn(
          "Discord {}: not posting the end of run {}: refused at its start",
          route.label(),
          report.runId());
      return Optional.of(route.label() + ": " + unusable.get());
    }
    WebhookMessage message = delivery.composer().finished(report, route.mention());
    try {
      new EndDelivery(delivery.client(), logger, route).deliver(message, start.messageId(route));
      logger.debug("Discord {}: delivered the end of run {}", route.label(), report.runId());
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      String what = "could not post the end of run " + report.runId();
      return Optional.of(route.label() + ": " + EndDelivery.warn(logger, route, what, failure));
    }
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
