package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.api.spi.StateStoreProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTests {

  @Test
  void taskAndProvidersAreFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(UpkeepTask.class).stream().map(p -> p.get().id()))
        .contains("mongo");
    assertThat(ServiceLoader.load(LockProvider.class).stream().map(p -> p.get().type()))
        .contains("mongodb");
    assertThat(ServiceLoader.load(StateStoreProvider.class).stream().map(p -> p.get().type()))
        .contains("mongodb");
    assertThat(ServiceLoader.load(ResourceProvider.class).stream().map(p -> p.get().type()))
        .contains("mongodb");
  }
}
