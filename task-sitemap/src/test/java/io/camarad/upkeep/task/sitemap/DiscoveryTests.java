package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.UpkeepTask;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DiscoveryTests {

  @Test
  void theTaskIsFoundByServiceLoaderWithIdSitemapAndFullReversibility() {
    assertThat(ServiceLoader.load(UpkeepTask.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            task -> {
              assertThat(task.id()).isEqualTo("sitemap");
              assertThat(task.reversibility()).isEqualTo(Reversibility.FULL);
              assertThat(task.settingsSpec().setting("source")).isPresent();
            });
  }

  @Test
  void theBundledSourcesAreFoundByType() {
    PageSources sources = PageSources.discover();
    assertThat(sources.types()).containsExactlyInAnyOrder("mongodb", "jsonl", "list");
    assertThat(sources.sectionSpec().setting("file")).isPresent();
    assertThat(sources.sectionSpec().setting("collection")).isPresent();
  }
}
