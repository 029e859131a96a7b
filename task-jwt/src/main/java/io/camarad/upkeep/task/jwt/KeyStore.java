package io.camarad.upkeep.task.jwt;

import java.util.Optional;

/** Where the key ring, private keys included, is kept between runs. */
interface KeyStore {

  /** Where the ring lives, for messages: a path or a collection. */
  String describe();

  /** The stored ring, or empty when none has been stored yet. */
  Optional<KeyRing> load() throws Exception;

  /** Replaces the stored ring with {@code ring}, atomically. */
  void save(KeyRing ring) throws Exception;

  /** Removes the stored ring (used to undo a first run). */
  void delete() throws Exception;
}
