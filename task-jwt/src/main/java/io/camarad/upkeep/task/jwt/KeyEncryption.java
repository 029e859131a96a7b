package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private JWKs with AES-256-GCM under the key-encryption key. Each sealing uses a fresh
 * 96-bit nonce; the key id is bound as associated data, so a sealed key cannot be moved to another
 * entry unnoticed.
 */
final class KeyEncryption {
  static final String ALGORITHM = "A256GCM";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private KeyEncryption(SecretKey key) {
    this.key = key;
  }

  /**
   * The encryption for a base64 256-bit key given as the secret setting {@code settingKey}.
   *
   * @throws SettingsException if the value is not base64 of exactly 32 bytes (the message never
   *     shows the value)
   */
  static KeyEncryption fromSecret(String settingKey, Secret secret) throws SettingsException {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(secret.reveal().trim());
    } catch (IllegalArgumentException e) {
      throw new SettingsException(
          settingKey,
          "the key-encryption key in "
              + secret.name()
              + " is not base64; create one with: openssl rand -base64 32");
    }
    if (raw.length != 32) {
      throw new SettingsException(
          settingKey,
          "the key-encryption key in "
              + secret.name()
              + " is "
              + raw.length * 8
              + " bits; it must be 256 bits: openssl rand -base64 32");
    }
    return new KeyEncryption(new SecretKeySpec(raw, "AES"));
  }

  /** The sealed form of {@code plaintext} for key {@code kid}. */
  Sealed seal(String kid, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, kid);
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      Base64.Encoder base64 = Base64.getEncoder();
      return new Sealed(base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * The plaintext of {@code sealed} for key {@code kid}.
   *
   * @throws IllegalStateException if the key-encryption key does not open it
   */
  String open(String kid, Sealed sealed) {
    try {
      Base64.Decoder base64 = Base64.getDecoder();
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, base64.decode(sealed.nonce()), kid);
      byte[] plaintext = cipher.doFinal(base64.decode(sealed.ciphertext()));
      return new String(plaintext, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "the key-encryption key does not open private key "
              + kid
              + "; set keyEncryptionKey to the key it was stored with");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("private key " + kid + " is stored damaged", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  @Override
  public String toString() {
    return "KeyEncryption[" + ALGORITHM + ", key=****]";
  }

  /**
   * A sealed private key.
   *
   * @param nonce the base64 GCM nonce
   * @param ciphertext the base64 ciphertext with its tag
   */
  record Sealed(String nonce, String ciphertext) {}
}
