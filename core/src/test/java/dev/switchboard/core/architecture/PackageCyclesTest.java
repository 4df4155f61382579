package dev.switchboard.core.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The packages of core form layers: no package depends, directly or through others, on one that depends on it. */
class PackageCyclesTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.switchboard.core");

  @Test
  void corePackagesHaveNoCycles() {
    slices().matching("dev.switchboard.core.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
