package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationPlannerTests {
  private static final Instant T0 = Instant.parse("2026-01-01T03:00:00Z");
  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final Duration CACHE = Duration.ofMinutes(10);
  private static final RotationPolicy POLICY =
      new RotationPolicy(PERIOD, LIFETIME, CACHE, KeyAlgorithm.ES256);

  private final RotationPlanner planner = new RotationPlanner(POLICY);

  @Test
  void firstRunCreatesAnActiveKeyAtOnceAndPublishesANextKey() {
    RotationPlan plan = planner.plan(List.of(), T0);

    assertThat(plan.transitions())
        .containsExactly(
            new Transition.Create("new key 1", KeyAlgorithm.ES256, KeyState.ACTIVE),
            new Transition.Create("new key 2", KeyAlgorithm.ES256, KeyState.NEXT));
    assertThat(plan.nextDue()).isEqualTo(T0.plus(PERIOD));
  }

  @Test
  void ringWithActiveAndNextKeyIsUpToDateUntilThePeriodEnds() {
    List<KeyEntry> ring = freshRing(T0);

    RotationPlan plan = planner.plan(ring, T0.plus(PERIOD).minusSeconds(1));

    assertThat(plan.upToDate()).isTrue();
    assertThat(plan.nextDue()).isEqualTo(T0.plus(PERIOD));
  }

  @Test
  void rotationActivatesTheNextKeyRetiresTheOldOneAndPublishesANewNextKey() {
    Instant rotation = T0.plus(PERIOD);

    RotationPlan plan = planner.plan(freshRing(T0), rotation);

    assertThat(plan.transitions())
        .containsExactly(
            new Transition.Retire("a"),
            new Transition.Activate("n", T0),
            new Transition.Create("new key 1", KeyAlgorithm.ES256, KeyState.NEXT));
    assertThat(stateOf(plan, "a")).isEqualTo(KeyState.RETIRED);
    assertThat(stateOf(plan, "n")).isEqualTo(KeyState.ACTIVE);
    assertThat(plan.nextDue()).isEqualTo(rotation.plus(LIFETIME).plus(CACHE));
  }

  @Test
  void nextKeyPublishedLessThanACacheLifetimeAgoWaits() {
    Instant rotation = T0.plus(PERIOD);
    List<KeyEntry> ring =
        List.of(
            key("a", KeyState.ACTIVE, T0, T0),
            key("n", KeyState.NEXT, rotation.minusSeconds(60), rotation.minusSeconds(60)));

    RotationPlan plan = planner.plan(ring, rotation);

    assertThat(plan.upToDate()).isTrue();
    assertThat(plan.nextDue()).isEqualTo(rotation.minusSeconds(60).plus(CACHE));
  }

  @Test
  void missingNextKeyIsCreatedAndTheRotationWaitsOneCacheLifetimeForIt() {
    Instant late = T0.plus(PERIOD).plusSeconds(5);
    List<KeyEntry> ring = List.of(key("a", KeyState.ACTIVE, T0, T0));

    RotationPlan plan = planner.plan(ring, late);

    assertThat(plan.transitions())
        .containsExactly(new Transition.Create("new key 1", KeyAlgorithm.ES256, KeyState.NEXT));
    assertThat(plan.nextDue()).isEqualTo(late.plus(CACHE));
  }

  @Test
  void retiredKeyStaysPublishedUntilTokenLifetimePlusCacheLifetimeThenIsRemoved() {
    Instant retiredAt = T0.plus(PERIOD);
    List<KeyEntry> ring =
        List.of(
            key("old", KeyState.RETIRED, T0, retiredAt),
            key("a", KeyState.ACTIVE, T0, retiredAt),
            key("n", KeyState.NEXT, retiredAt, retiredAt));
    Instant removal = retiredAt.plus(LIFETIME).plus(CACHE);

    assertThat(planner.plan(ring, removal.minusSeconds(1)).upToDate()).isTrue();
    RotationPlan plan = planner.plan(ring, removal);

    assertThat(plan.transitions()).hasSize(1).first().isInstanceOf(Transition.Remove.class);
    assertThat(plan.projected()).extracting(KeyEntry::kid).containsExactly("a", "n");
  }

  @Test
  void longGapMakesOneRotationNotOnePerMissedPeriod() {
    Instant retiredAt = T0.plus(PERIOD);
    List<KeyEntry> ring =
        List.of(
            key("old", KeyState.RETIRED, T0, retiredAt),
            key("a", KeyState.ACTIVE, T0, retiredAt),
            key("n", KeyState.NEXT, retiredAt, retiredAt));
    Instant muchLater = retiredAt.plus(PERIOD.multipliedBy(7)).plusSeconds(3600);

    RotationPlan plan = planner.plan(ring, muchLater);

    assertThat(plan.projected())
        .extracting(KeyEntry::kid, KeyEntry::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", KeyState.RETIRED),
            org.assertj.core.groups.Tuple.tuple("n", KeyState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple("new key 1", KeyState.NEXT));
    assertThat(plan.transitions()).hasSize(4);
    assertThat(planner.plan(projectedAsReal(plan), muchLater).upToDate()).isTrue();
    assertThat(plan.nextDue()).isEqualTo(muchLater.plus(LIFETIME).plus(CACHE));
  }

  @Test
  void ringWithoutActiveKeyActivatesItsOldestNextKeyAtOnce() {
    List<KeyEntry> ring =
        List.of(key("n1", KeyState.NEXT, T0, T0), key("n2", KeyState.NEXT, T0.plusSeconds(1), T0));

    RotationPlan plan = planner.plan(ring, T0.plusSeconds(2));

    assertThat(plan.transitions()).containsExactly(new Transition.Activate("n1", T0));
  }

  @Test
  void twoActiveKeysLeaveOnlyTheNewestActive() {
    List<KeyEntry> ring =
        List.of(
            key("a1", KeyState.ACTIVE, T0, T0),
            key("a2", KeyState.ACTIVE, T0, T0.plusSeconds(10)),
            key("n", KeyState.NEXT, T0, T0));

    RotationPlan plan = planner.plan(ring, T0.plusSeconds(20));

    assertThat(plan.transitions()).containsExactly(new Transition.Retire("a1"));
    assertThat(stateOf(plan, "a2")).isEqualTo(KeyState.ACTIVE);
  }

  @Test
  void nextKeyOfAnAlgorithmNoLongerConfiguredIsReplaced() {
    List<KeyEntry> ring =
        List.of(
            key("a", KeyState.ACTIVE, T0, T0),
            new KeyEntry("n", KeyAlgorithm.RS256, KeyState.NEXT, T0, T0));

    RotationPlan plan = planner.plan(ring, T0.plusSeconds(5));

    assertThat(plan.transitions())
        .hasSize(2)
        .last()
        .isEqualTo(new Transition.Create("new key 1", KeyAlgorithm.ES256, KeyState.NEXT));
    assertThat(plan.projected()).extracting(KeyEntry::kid).containsExactly("a", "new key 1");
  }

  @Test
  void alwaysExactlyOneActiveKeyAndOneNextKeyAcrossAYearOfDailyRuns() {
    List<KeyEntry> ring = new ArrayList<>();
    int activations = 0;
    for (int day = 0; day < 365; day++) {
      Instant now = T0.plus(Duration.ofDays(day));
      RotationPlan plan = planner.plan(ring, now);
      activations +=
          plan.transitions().stream().filter(Transition.Activate.class::isInstance).count();
      ring = projectedAsReal(plan, day);

      assertThat(ring).filteredOn(k -> k.state() == KeyState.ACTIVE).hasSize(1);
      assertThat(ring).filteredOn(k -> k.state() == KeyState.NEXT).hasSize(1);
      assertThat(ring)
          .filteredOn(k -> k.state() == KeyState.ACTIVE)
          .allSatisfy(k -> assertThat(k.stateSince()).isAfter(now.minus(PERIOD).minusSeconds(1)));
      assertThat(ring).filteredOn(k -> k.state() == KeyState.RETIRED).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(activations).isEqualTo(12);
  }

  private static List<KeyEntry> freshRing(Instant at) {
    return List.of(key("a", KeyState.ACTIVE, at, at), key("n", KeyState.NEXT, at, at));
  }

  private static KeyEntry key(String kid, KeyState state, Instant published, Instant since) {
    return new KeyEntry(kid, KeyAlgorithm.ES256, state, published, since);
  }

  private static KeyState stateOf(RotationPlan plan, String kid) {
    return plan.projected().stream()
        .filter(k -> k.kid().equals(kid))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private static List<KeyEntry> projectedAsReal(RotationPlan plan) {
    return projectedAsReal(plan, 0);
  }

  private static List<KeyEntry> projectedAsReal(RotationPlan plan, int run) {
    return plan.projected().stream()
        .map(
            k ->
                k.kid().startsWith("new key")
                    ? new KeyEntry(
                        "k" + run + "-" + k.kid(),
                        k.algorithm(),
                        k.state(),
                        k.publishedAt(),
                        k.stateSince())
                    : k)
        .toList();
  }
}
