package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTests {
  @TempDir Path dir;

  @Test
  void writesAFewPages() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(List.of(Fixture.page("a", "alpha text"), Fixture.page("b", "beta text")));
      TaskRunner.Result result = f.runner.run();
      if (result.error() != null) {
        result.error().printStackTrace();
      }
      System.err.println(result.logger().lines());
      System.err.println(result.usage());
      System.err.println(f.fake.specViolations());
      assertThat(result.failed()).isFalse();
    }
  }
}
