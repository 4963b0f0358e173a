package io.streamtune.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between StreamTune's parts, checked on the main code of every module together
 * (this module has them all on its classpath). Each rule says what it keeps apart; the optimizer's
 * and the rules' own purity is also checked in their modules, and the optimizer's and the schemas'
 * classpaths by the enforcer plugin.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.streamtune");

  private static final String[] KAFKA_AND_WIRE = {
    "org.apache.kafka..", "org.apache.avro..", "io.streamtune.avro..", "io.streamtune.schemas.."
  };

  @Test
  void shouldHaveNoCyclesWhenPackagesOfMainCodeDependOnEachOther() {
    slices().matching("io.streamtune.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void shouldKeepTheOptimizerPureWhenAnyModuleUsesIt() {
    noClasses()
        .that()
        .resideInAPackage("io.streamtune.optimizer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.apache.avro..",
            "io.micrometer..",
            "com.fasterxml..",
            "org.slf4j..",
            "io.streamtune.avro..",
            "io.streamtune.schemas..",
            "io.streamtune.spec..",
            "io.streamtune.suggester..")
        .check(MAIN);
  }

  @Test
  void shouldKeepStoppingRulesFreeOfKafkaWhenTheMonitorRunsThem() {
    noClasses()
        .that()
        .resideInAPackage("io.streamtune.monitor.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(KAFKA_AND_WIRE)
        .check(MAIN);
  }

  /** Objectives train models; the worker around them owns every Kafka client and record type. */
  @Test
  void shouldKeepObjectivesFreeOfKafkaWhenTrainersRunThem() {
    noClasses()
        .that()
        .resideInAPackage("io.streamtune.trainer.objective..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(KAFKA_AND_WIRE)
        .check(MAIN);
  }

  /** The wire contract is the bottom layer: every service depends on it, it on none of them. */
  @Test
  void shouldKeepTheContractAtTheBottomWhenServicesDependOnIt() {
    noClasses()
        .that()
        .resideInAnyPackage("io.streamtune.schemas..", "io.streamtune.avro..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.streamtune.spec..",
            "io.streamtune.optimizer..",
            "io.streamtune.suggester..",
            "io.streamtune.trainer..",
            "io.streamtune.monitor..",
            "io.streamtune.cli..",
            "io.streamtune.app..",
            "io.streamtune.broker..")
        .check(MAIN);
  }
}
