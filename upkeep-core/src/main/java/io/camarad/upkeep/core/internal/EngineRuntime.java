package io.camarad.upkeep.core.internal;

import java.time.Clock;
import java.util.Map;

/**
 * What an engine instance brings to each of its runs.
 *
 * @param clock the clock of runs
 * @param environment the effective environment
 * @param masking the secrets to mask
 * @param guards the circuit breakers, shared by the instance's runs
 * @param observer who hears about runs
 * @param ownerId this instance's lock owner id
 * @param engineVersion the engine's version, for reports
 */
public record EngineRuntime(
    Clock clock,
    Map<String, String> environment,
    SecretMasking masking,
    ServiceGuards guards,
    RunObserver observer,
    String ownerId,
    String engineVersion) {}
