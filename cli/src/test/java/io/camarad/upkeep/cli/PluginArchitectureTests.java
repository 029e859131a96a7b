package io.camarad.upkeep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the design for the bundled plugins, checked on the distribution's class path
 * where every module is visible: a plugin sees only the API (never the engine, the CLI or another
 * plugin), and no plugin reaches for the terminal.
 *
 * <p>The rules are checked from plain JUnit tests: under this build's Surefire, ArchUnit's own
 * {@code @ArchTest} engine reported zero tests run, so a broken rule would have passed.
 */
class PluginArchitectureTests {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.camarad.upkeep");

  private static final ArchRule PLUGINS_NEVER_USE_THE_ENGINE_OR_THE_CLI =
      noClasses()
          .that()
          .resideInAnyPackage("io.camarad.upkeep.task..", "io.camarad.upkeep.notifier..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.camarad.upkeep.core..", "io.camarad.upkeep.cli..");

  private static final ArchRule PLUGINS_NEVER_USE_EACH_OTHER =
      SlicesRuleDefinition.slices()
          .matching("io.camarad.upkeep.(task|notifier).(*)..")
          .should()
          .notDependOnEachOther();

  private static final ArchRule THE_API_DEPENDS_ON_NOTHING_OF_OURS =
      noClasses()
          .that()
          .resideInAPackage("io.camarad.upkeep.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.camarad.upkeep.core..",
              "io.camarad.upkeep.cli..",
              "io.camarad.upkeep.task..",
              "io.camarad.upkeep.notifier..");

  private static final ArchRule PLUGINS_NEVER_WRITE_TO_THE_TERMINAL =
      noClasses()
          .that()
          .resideInAnyPackage("io.camarad.upkeep.task..", "io.camarad.upkeep.notifier..")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err");

  @Test
  void pluginsNeverUseTheEngineOrTheCli() {
    PLUGINS_NEVER_USE_THE_ENGINE_OR_THE_CLI.check(CLASSES);
  }

  @Test
  void pluginsNeverUseEachOther() {
    PLUGINS_NEVER_USE_EACH_OTHER.check(CLASSES);
  }

  @Test
  void theApiDependsOnNothingOfOurs() {
    THE_API_DEPENDS_ON_NOTHING_OF_OURS.check(CLASSES);
  }

  @Test
  void pluginsNeverWriteToTheTerminal() {
    PLUGINS_NEVER_WRITE_TO_THE_TERMINAL.check(CLASSES);
  }

  @Test
  void theRulesSeeThePlugins() {
    org.assertj.core.api.Assertions.assertThat(CLASSES.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("io.camarad.upkeep.task."))
        .anyMatch(p -> p.startsWith("io.camarad.upkeep.notifier."))
        .anyMatch(p -> p.startsWith("io.camarad.upkeep.api"));
  }
}
