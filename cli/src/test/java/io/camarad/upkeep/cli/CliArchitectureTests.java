package io.camarad.upkeep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI is wiring and output only: it talks to the engine through its public package and
 * never reaches into the engine's internals or into a plugin's classes.
 */
@AnalyzeClasses(
    packages = "io.camarad.upkeep.cli",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTests {
  private static final String OWN = "io.camarad.upkeep.";

  @ArchTest
  static final ArchRule usesOnlyThePublicEnginePackage = noClasses()
      .that().resideInAPackage("io.camarad.upkeep.cli..")
      .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are engine internals") {
        @Override
        public boolean test(JavaClass type) {
          return type.getPackageName().startsWith(OWN + "core.");
        }
      });

  @ArchTest
  static final ArchRule namesNoPlugin = noClasses()
      .that().resideInAPackage("io.camarad.upkeep.cli..")
      .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("belong to a plugin") {
        @Override
        public boolean test(JavaClass type) {
          String name = type.getPackageName();
          return name.startsWith(OWN) && !name.startsWith(OWN + "api")
              && !name.equals(OWN + "core") && !name.startsWith(OWN + "cli");
        }
      });
}
