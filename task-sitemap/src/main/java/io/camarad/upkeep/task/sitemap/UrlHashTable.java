package io.camarad.upkeep.task.sitemap;

/**
 * The URLs of the previous and the current generation, as 64-bit hashes with a 32-bit hash of each
 * one's lastmod: about 13 bytes per URL instead of the URL itself, so that a site of millions of
 * pages can be compared with its last sitemap in a small heap. Open addressing with linear probing;
 * grows at three quarters full.
 *
 * <p>Two different URLs sharing a 64-bit hash (for a million URLs, odds of about 3 in 10^8) would
 * be taken for one; a changed lastmod sharing a 32-bit hash with the old one would be missed until
 * the page changes again.
 */
final class UrlHashTable {
  private static final byte PREVIOUS = 1;
  private static final byte CURRENT = 2;

  private long[] keys;
  private int[] lastmods;
  private byte[] flags;
  private int size;

  UrlHashTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  /** How a URL of the current generation compares with the previous one. */
  enum Seen {
    ADDED,
    CHANGED,
    UNCHANGED,
    DUPLICATE
  }

  /** Records a URL of the previous generation. */
  void putPrevious(String loc, String lastmod) {
    int slot = slot(hash(loc));
    flags[slot] |= PREVIOUS;
    lastmods[slot] = lastmodHash(lastmod);
  }

  /** Records a URL of the current generation and says how it compares. */
  Seen putCurrent(String loc, String lastmod) {
    int slot = slot(hash(loc));
    byte before = flags[slot];
    if ((before & CURRENT) != 0) {
      return Seen.DUPLICATE;
    }
    flags[slot] = (byte) (before | CURRENT);
    int modified = lastmodHash(lastmod);
    if ((before & PREVIOUS) == 0) {
      lastmods[slot] = modified;
      return Seen.ADDED;
    }
    return lastmods[slot] == modified ? Seen.UNCHANGED : Seen.CHANGED;
  }

  /** Whether a URL of the previous generation is missing from the current one. */
  boolean removed(String loc) {
    int slot = find(hash(loc));
    return slot >= 0 && flags[slot] == PREVIOUS;
  }

  private int slot(long key) {
    if (size * 4L >= keys.length * 3L) {
      grow();
    }
    int mask = keys.length - 1;
    int at = (int) key & mask;
    while (flags[at] != 0) {
      if (keys[at] == key) {
        return at;
      }
      at = (at + 1) & mask;
    }
    keys[at] = key;
    size++;
    return at;
  }

  private int find(long key) {
    int mask = keys.length - 1;
    int at = (int) key & mask;
    while (flags[at] != 0) {
      if (keys[at] == key) {
        return at;
      }
      at = (at + 1) & mask;
    }
    return -1;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldLastmods = lastmods;
    byte[] oldFlags = flags;
    allocate(oldKeys.length * 2);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldFlags[i] != 0) {
        int at = (int) oldKeys[i] & mask;
        while (flags[at] != 0) {
          at = (at + 1) & mask;
        }
        keys[at] = oldKeys[i];
        lastmods[at] = oldLastmods[i];
        flags[at] = oldFlags[i];
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    lastmods = new int[capacity];
    flags = new byte[capacity];
  }

  private static int lastmodHash(String lastmod) {
    return lastmod == null ? 0 : (int) hash(lastmod) | 1;
  }

  /** FNV-1a over the UTF-16 units, then the MurmurHash3 finalizer to spread the bits. */
  static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
