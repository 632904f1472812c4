package dev.cvos.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The coding rules of docs/architecture.md ("How the code is written") that a machine can check, over every module's production code. */
class CodingRulesTest {
  private final JavaClasses classes = CvosClasses.production();

  @Test
  void noClassWritesToStandardStreams() {
    // A command line writes through picocli's writers; the server logs.
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
  }

  @Test
  void noClassThrowsGenericExceptions() {
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
  }

  @Test
  void noClassUsesJavaUtilLogging() {
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
  }

  @Test
  void noClassUsesFieldInjection() {
    NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
  }

  @Test
  void loggersArePrivateStaticFinal() {
    fields()
        .that().haveRawType("org.slf4j.Logger")
        .should().bePrivate().andShould().beStatic().andShould().beFinal()
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyTheServerAndItsLoggingSetupKnowLogback() {
    noClasses()
        .that().resideOutsideOfPackage("dev.cvos.server..")
        .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
        .check(classes);
  }
}
