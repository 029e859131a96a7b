package io.camarad.upkeep.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.camarad.upkeep.api.RunReport;
import java.io.UncheckedIOException;
import java.util.List;

/** Run reports as JSON: instants and durations as ISO-8601 strings, indented. */
final class ReportJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  static String write(RunReport report) {
    return writeValue(report);
  }

  static String write(List<RunReport> reports) {
    return writeValue(reports);
  }

  static String writeValue(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a report as JSON", e);
    }
  }
}
