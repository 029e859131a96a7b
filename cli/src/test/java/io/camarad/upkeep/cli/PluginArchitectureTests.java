package io.camarad.upkeep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The module rules of the design for the bundled plugins, checked on the distribution's class
 * path where every module is visible: a plugin sees only the API (never the engine, the CLI or
 * another plugin), and no plugin reaches for the terminal.
 */
@AnalyzeClasses(packages = "io.camarad.upkeep", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginArchitectureTests {

  @ArchTest
  static final ArchRule pluginsNeverUseTheEngineOrTheCli =
      noClasses()
          .that()
          .resideInAnyPackage("io.camarad.upkeep.task..", "io.camarad.upkeep.notifier..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.camarad.upkeep.core..", "io.camarad.upkeep.cli..");

  @ArchTest
  static final ArchRule pluginsNeverUseEachOther =
      SlicesRuleDefinition.slices()
          .matching("io.camarad.upkeep.(task|notifier).(*)..")
          .should()
          .notDependOnEachOther();

  @ArchTest
  static final ArchRule theApiDependsOnNothingOfOurs =
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

  @ArchTest
  static final ArchRule pluginsNeverWriteToTheTerminal =
      noClasses()
          .that()
          .resideInAnyPackage("io.camarad.upkeep.task..", "io.camarad.upkeep.notifier..")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err");
}
