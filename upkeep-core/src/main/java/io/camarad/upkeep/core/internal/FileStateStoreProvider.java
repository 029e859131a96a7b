package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.StateStoreProvider;

/** The built-in state store, {@code state: { type: file }}: JSON files under the state dir. */
public final class FileStateStoreProvider implements StateStoreProvider {
  @Override
  public String type() {
    return "file";
  }

  @Override
  public StateStore open(ProviderContext context) {
    return new FileStateStore(context.stateDirectory());
  }
}
