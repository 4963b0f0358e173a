package io.streamtune.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between StreamTune's parts, checked on the main code of every module together
 * (this module has them all on its classpath). Each rule names what it keeps apart and why.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.streamtune");

  @Test
  void shouldHaveNoCyclesWhenPackagesOfMainCodeDependOnEachOther() {
    slices().matching("io.streamtune.(**)").should().beFreeOfCycles().check(MAIN);
  }
}
