package io.camarad.upkeep.task.jwt;

import java.util.List;
import java.util.Optional;

/**
 * The task's keys, private material included, in the order they were created.
 *
 * @param keys the keys
 */
record KeyRing(List<StoredKey> keys) {
  static final KeyRing EMPTY = new KeyRing(List.of());

  KeyRing {
    keys = List.copyOf(keys);
  }

  /** The lifecycle data of every key, as the planner sees it. */
  List<KeyEntry> entries() {
    return keys.stream().map(StoredKey::entry).toList();
  }

  /** The signing key, if there is one. */
  Optional<StoredKey> active() {
    return keys.stream().filter(k -> k.entry().state() == KeyState.ACTIVE).findFirst();
  }

  /** The key with id {@code kid}. */
  Optional<StoredKey> find(String kid) {
    return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
  }

  /** One line for logs and plans: the key ids by state. */
  String describe() {
    if (keys.isEmpty()) {
      return "no keys";
    }
    StringBuilder line = new StringBuilder();
    for (StoredKey key : keys) {
      line.append(line.length() == 0 ? "" : ", ")
          .append(key.entry().state().name().toLowerCase(java.util.Locale.ROOT))
          .append(' ')
          .append(key.kid());
    }
    return line.toString();
  }
}
