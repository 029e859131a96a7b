package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportJsonTests {
  @Test
  void writesTheReportWithIsoInstantsAndDurations() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportJson.write(Reports.failedRun()));

    assertThat(json.get("runId").asText()).isEqualTo("r-20261203-0300-abcd");
    assertThat(json.get("status").asText()).isEqualTo("FAILED");
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-12-03T03:00:00Z");
    assertThat(json.get("tasks").get(1).get("duration").asText()).isEqualTo("PT2S");
    assertThat(json.get("tasks").get(1).get("error").get("attached").get(0).get("message").asText())
        .isEqualTo("undo left 2 vectors");
  }
}
