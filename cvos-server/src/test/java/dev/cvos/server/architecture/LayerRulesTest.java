package dev.cvos.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md ("Modules and the one direction of dependencies"). A
 * wrong import fails the build here. If a rule is wrong, change it together with that document, in
 * the open.
 */
class LayerRulesTest {
  private static final String[] FRAMEWORKS = {
    "jakarta..", "javax.ws..", "javax.inject..", "org.glassfish..", "org.eclipse.jetty..",
    "com.google.inject..", "org.jooq..", "java.sql..", "javax.sql..", "org.postgresql..",
    "org.flywaydb..", "com.fasterxml.jackson..", "org.slf4j..", "ch.qos.logback..",
    "org.apache.logging..", "java.util.logging..", "io.micrometer..", "picocli.."
  };

  private final JavaClasses classes = CvosClasses.production();

  @Test
  void everyModuleIsImported() {
    assertThat(classes.containPackage("dev.cvos.storage.spi")).isTrue();
    assertThat(classes.containPackage("dev.cvos.domain.cluster")).isTrue();
    assertThat(classes.containPackage("dev.cvos.server.config")).isTrue();
  }

  @Test
  void modulesDependInOneDirection() {
    layeredArchitecture()
        .consideringAllDependencies()
        .layer("Spi").definedBy("dev.cvos.storage.spi..")
        .layer("Api").definedBy("dev.cvos.api..")
        .layer("Domain").definedBy("dev.cvos.domain..")
        .layer("StorageAdapters").definedBy("dev.cvos.storage.local..", "dev.cvos.storage.smb..")
        .layer("Peer").definedBy("dev.cvos.peer..")
        .layer("Server").definedBy("dev.cvos.server..")
        .whereLayer("Server").mayNotBeAccessedByAnyLayer()
        .whereLayer("Peer").mayOnlyBeAccessedByLayers("Server")
        .whereLayer("StorageAdapters").mayOnlyBeAccessedByLayers("Server")
        .whereLayer("Domain").mayOnlyBeAccessedByLayers("Peer", "Server")
        .whereLayer("Api").mayOnlyBeAccessedByLayers("Peer", "Server")
        .whereLayer("Spi").mayOnlyBeAccessedByLayers("Domain", "StorageAdapters", "Peer", "Server")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void storageSpiUsesTheJdkAlone() {
    classes()
        .that().resideInAPackage("dev.cvos.storage.spi..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.cvos.storage.spi..")
        .check(classes);
  }

  @Test
  void apiAndItsClientUseTheJdkAndJacksonAlone() {
    classes()
        .that().resideInAPackage("dev.cvos.api..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.net.ssl..", "com.fasterxml.jackson..", "dev.cvos.api..")
        .check(classes);
  }

  @Test
  void domainUsesTheJdkAndTheSpiAlone() {
    classes()
        .that().resideInAPackage("dev.cvos.domain..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.cvos.domain..", "dev.cvos.storage.spi..")
        .check(classes);
  }

  @Test
  void domainAndSpiImportNoFrameworkType() {
    noClasses()
        .that().resideInAnyPackage("dev.cvos.domain..", "dev.cvos.storage.spi..")
        .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
        .check(classes);
  }

  @Test
  void storageAdaptersUseTheSpiAndTheirOwnClientAlone() {
    classes()
        .that().resideInAPackage("dev.cvos.storage.local..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.cvos.storage.spi..", "dev.cvos.storage.local..", "org.slf4j..")
        .allowEmptyShould(true)
        .check(classes);
    classes()
        .that().resideInAPackage("dev.cvos.storage.smb..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "dev.cvos.storage.spi..", "dev.cvos.storage.smb..", "jcifs..", "org.slf4j..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyTheServerKnowsGuiceJerseyAndJettyServer() {
    noClasses()
        .that().resideOutsideOfPackage("dev.cvos.server..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "com.google.inject..", "org.glassfish.jersey..", "jakarta.ws.rs..",
            "org.eclipse.jetty.server..", "org.eclipse.jetty.ee10..")
        .check(classes);
  }

  @Test
  void jooqStaysInThePersistencePackage() {
    noClasses()
        .that().resideOutsideOfPackage("dev.cvos.server.persistence..")
        .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "dev.cvos.server.persistence.jooq..")
        .check(classes);
  }

  @Test
  void slicesAreFreeOfCycles() {
    slices().matching("dev.cvos.(*)..").should().beFreeOfCycles().check(classes);
    slices().matching("dev.cvos.server.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    slices().matching("dev.cvos.domain.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
  }
}
