package io.camarad.upkeep.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskGraphTests {

  @Test
  void refusesCycleAndPrintsIt() {
    Map<String, Set<String>> deps = Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of());

    TaskGraph.Result result = TaskGraph.of(deps, Set.of());

    assertThat(result.graph()).isNull();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("a -> b -> a"));
  }

  @Test
  void printsALongerCycleInDependencyOrder() {
    Map<String, Set<String>> deps = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));

    TaskGraph.Result result = TaskGraph.of(deps, Set.of());

    assertThat(result.problems().get(0).message()).contains("a -> b -> c -> a");
  }

  @Test
  void namesWhoNeedsAMissingDependencyAndTheFix() {
    TaskGraph.Result result = TaskGraph.of(Map.of("sitemap", Set.of("pages")), Set.of());

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.taskId()).isEqualTo("sitemap");
              assertThat(p.message())
                  .contains("'sitemap' depends on 'pages', which no plugin provides")
                  .contains("add the jar");
            });
  }

  @Test
  void suggestsTheClosestTaskIdForATypoInsteadOfAMissingJar() {
    TaskGraph.Result result =
        TaskGraph.of(
            Map.of("pinecone", Set.of("mongoo"), "mongo", Set.of(), "sitemap", Set.of()),
            Set.of("jwt"));

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.taskId()).isEqualTo("pinecone");
              assertThat(p.message())
                  .contains("'pinecone' depends on 'mongoo'")
                  .contains("did you mean 'mongo'?")
                  .contains("dependsOn")
                  .doesNotContain("jar");
            });
  }

  @Test
  void tellsAKnownButNotEnabledDependencyApartFromAMissingOne() {
    TaskGraph.Result result = TaskGraph.of(Map.of("pinecone", Set.of("mongo")), Set.of("mongo"));

    assertThat(result.problems().get(0).message())
        .contains("not enabled in this run")
        .contains("add it under 'tasks'");
  }

  @Test
  void ordersDependenciesFirstAndBreaksTiesById() {
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    deps.put("sitemap", Set.of("mongo"));
    deps.put("pinecone", Set.of("mongo"));
    deps.put("jwt", Set.of());
    deps.put("mongo", Set.of());

    TaskGraph graph = TaskGraph.of(deps, Set.of()).graph();

    assertThat(graph.order()).containsExactly("jwt", "mongo", "pinecone", "sitemap");
  }

  @Test
  void findsEveryTransitiveDependent() {
    TaskGraph graph =
        TaskGraph.of(
                Map.of("a", Set.of(), "b", Set.of("a"), "c", Set.of("b"), "d", Set.of()), Set.of())
            .graph();

    assertThat(graph.dependentsOf("a")).containsExactly("b", "c");
  }
}
