package io.streamtune.optimizer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The optimizer is a library: the Kafka service adapts it, never the other way round. */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.streamtune.optimizer");

  @Test
  void shouldNotDependOnKafkaOrAvroWhenInOptimizerPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.streamtune.optimizer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.apache.avro..",
            "io.streamtune.avro..",
            "io.streamtune.suggester..")
        .check(classes);
  }
}
