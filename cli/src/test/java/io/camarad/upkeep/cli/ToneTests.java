package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ToneTests {
  @Test
  void parsesTheSeedsLabels() {
    assertThat(Tone.parse("emperor-eternal")).isEqualTo(Tone.EMPEROR_ETERNAL);
    assertThat(Tone.parse("JSON")).isEqualTo(Tone.JSON);
    assertThatThrownBy(() -> Tone.parse("emperor")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void colourOnlyOnAConsoleWithoutNoColor() {
    PrintWriter w = new PrintWriter(new StringWriter());

    assertThat(new Terminal(w, w, Map.of(), true).palette().enabled()).isTrue();
    assertThat(new Terminal(w, w, Map.of(), false).palette().enabled()).isFalse();
    assertThat(new Terminal(w, w, Map.of("NO_COLOR", "1"), true).palette().enabled()).isFalse();
  }
}
