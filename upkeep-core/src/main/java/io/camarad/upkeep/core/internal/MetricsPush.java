package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.Secret;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway with "push add" semantics (HTTP POST): a
 * metric this run does not send, such as the run's last success after a failed run, keeps the value
 * the Pushgateway already has.
 *
 * @param url the Pushgateway's base URL, {@code http://pushgateway:9091} (a path prefix is kept)
 * @param job the {@code job} grouping label
 * @param username the basic-auth user, or {@code null}
 * @param password the basic-auth password, or {@code null}
 * @param bearerToken a bearer token, or {@code null}
 */
public record MetricsPush(
    URI url, String job, String username, Secret password, Secret bearerToken) {

  /** The URL with any user info left out, for messages. */
  public String describe() {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + Optional.ofNullable(url.getPath()).orElse("");
  }

  /**
   * Pushes the metrics of {@code report}.
   *
   * @param lastSuccess each task's last success, from its state
   * @param previousTextfile the textfile's last content when one is written too, else ""
   */
  public void push(RunReport report, Map<String, Instant> lastSuccess, String previousTextfile)
      throws IOException {
    PushGateway.Builder builder =
        PushGateway.builder()
            .format(Format.PROMETHEUS_TEXT)
            .scheme("https".equalsIgnoreCase(url.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
            .address(address())
            .job(job)
            .registry(MetricsTextfile.registry(report, lastSuccess, previousTextfile, true));
    if (username != null && password != null) {
      builder.basicAuth(username, password.reveal());
    }
    if (bearerToken != null) {
      builder.bearerToken(bearerToken.reveal());
    }
    builder.build().pushAdd();
  }

  /** host:port and path prefix, as the client puts them between the scheme and /metrics. */
  private String address() {
    String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    return url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + path;
  }
}
