/**
 * Pluggable pieces of the engine itself: the run lock, the state store and shared resources.
 * Local-file locks and state come with the engine; providers for other backends (MongoDB) come with
 * plugins and are selected in the protocol by {@code type}.
 *
 * @since 0.1
 */
package io.camarad.upkeep.api.spi;
