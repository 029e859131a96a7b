package io.camarad.upkeep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The CLI is wiring and output only: it talks to the engine through its public package (and the
 * configuration problems it reports) and never reaches into the engine's internals or into a
 * plugin's classes.
 */
class CliArchitectureTests {
  private static final String OWN = "io.camarad.upkeep.";

  private static final JavaClasses CLI =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(OWN + "cli");

  private static final ArchRule USES_ONLY_THE_PUBLIC_ENGINE =
      noClasses()
          .that()
          .resideInAPackage(OWN + "cli..")
          .should()
          .dependOnClassesThat(
              new DescribedPredicate<JavaClass>("are engine internals") {
                @Override
                public boolean test(JavaClass type) {
                  boolean reported = type.getName().equals(OWN + "core.config.ConfigProblem");
                  return type.getPackageName().startsWith(OWN + "core.") && !reported;
                }
              });

  private static final ArchRule NAMES_NO_PLUGIN =
      noClasses()
          .that()
          .resideInAPackage(OWN + "cli..")
          .should()
          .dependOnClassesThat(
              new DescribedPredicate<JavaClass>("belong to a plugin") {
                @Override
                public boolean test(JavaClass type) {
                  String name = type.getPackageName();
                  return name.startsWith(OWN)
                      && !name.startsWith(OWN + "api")
                      && !name.startsWith(OWN + "core")
                      && !name.startsWith(OWN + "cli");
                }
              });

  @Test
  void usesOnlyThePublicEnginePackage() {
    USES_ONLY_THE_PUBLIC_ENGINE.check(CLI);
  }

  @Test
  void namesNoPlugin() {
    NAMES_NO_PLUGIN.check(CLI);
  }

  @Test
  void theRulesSeeTheCliClasses() {
    assertThatThrownBy(
            () ->
                noClasses()
                    .that()
                    .resideInAPackage(OWN + "cli..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(OWN + "core")
                    .check(CLI))
        .as("the CLI does use the engine's public package, so this rule must fail")
        .isInstanceOf(AssertionError.class);
  }
}
