package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.core.config.SecretMasker;
import java.util.function.UnaryOperator;

/** Masks known secret values in texts; secrets met at run time are registered too. */
public interface SecretMasking extends UnaryOperator<String> {

  /** Adds a value to mask from now on. */
  void register(String secretValue);

  /** The masking of a configuration's {@link SecretMasker}, sharing its registrations. */
  static SecretMasking of(SecretMasker masker) {
    return new SecretMasking() {
      @Override
      public void register(String secretValue) {
        masker.register(secretValue);
      }

      @Override
      public String apply(String text) {
        return masker.mask(text);
      }
    };
  }

  /** A masking of its own, with a fresh {@link SecretMasker}. */
  static SecretMasking standalone() {
    return of(new SecretMasker());
  }
}
