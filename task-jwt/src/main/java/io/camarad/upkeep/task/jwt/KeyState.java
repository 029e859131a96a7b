package io.camarad.upkeep.task.jwt;

/**
 * Where a key stands in its life. A key that has been removed is no longer in the ring.
 *
 * <ul>
 *   <li>{@link #NEXT}: published so that verifiers fetch it, not yet signing;
 *   <li>{@link #ACTIVE}: the one key that signs new tokens;
 *   <li>{@link #RETIRED}: no longer signs, still published while tokens it signed may live.
 * </ul>
 */
enum KeyState {
  NEXT,
  ACTIVE,
  RETIRED
}
