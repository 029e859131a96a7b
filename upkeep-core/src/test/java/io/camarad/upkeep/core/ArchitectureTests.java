package io.camarad.upkeep.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTests {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.camarad.upkeep.api", "io.camarad.upkeep.core");
  }

  @Test
  void theApiDependsOnNothingOfOursAndOnlyOnTheJdkAndSlf4j() {
    classes()
        .that()
        .resideInAPackage("io.camarad.upkeep.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.camarad.upkeep.api..", "java..", "org.slf4j..")
        .check(classes);
  }

  @Test
  void theCoreNeverNamesAPlugin() {
    noClasses()
        .that()
        .resideInAPackage("io.camarad.upkeep.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.camarad.upkeep.task..", "io.camarad.upkeep.notifier..", "io.camarad.upkeep.cli..")
        .check(classes);
  }

  @Test
  void theCoreNeverWritesToStandardOutOrErr() {
    noClasses()
        .that()
        .resideInAPackage("io.camarad.upkeep.core..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(classes);
  }

  @Test
  void theCoreDoesNotDependOnLogback() {
    noClasses()
        .that()
        .resideInAPackage("io.camarad.upkeep.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ch.qos.logback..")
        .check(classes);
  }

  @Test
  void theInternalsDoNotDependOnTheEmbeddingApi() {
    noClasses()
        .that()
        .resideInAPackage("io.camarad.upkeep.core.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.camarad.upkeep.core")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.camarad.upkeep.(**)").should().beFreeOfCycles().check(classes);
  }
}
