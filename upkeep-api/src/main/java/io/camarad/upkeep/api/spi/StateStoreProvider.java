package io.camarad.upkeep.api.spi;

import io.camarad.upkeep.api.SettingsSpec;

/**
 * Opens state stores of one type ({@code file}, {@code mongodb}), selected in the protocol with
 * {@code state.type}. Discovered with {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public interface StateStoreProvider {

  String type();

  default SettingsSpec settingsSpec() {
    return SettingsSpec.empty();
  }

  /** Opens the store; a plan only reads from it. */
  StateStore open(ProviderContext context) throws Exception;
}
