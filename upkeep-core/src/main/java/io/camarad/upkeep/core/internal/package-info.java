/**
 * The engine's internals: discovery, ordering, planning, applying, state, locks, resilience,
 * records. Public only so that the test kit can run a task through the real context; not an API,
 * and it changes without notice.
 */
package io.camarad.upkeep.core.internal;
