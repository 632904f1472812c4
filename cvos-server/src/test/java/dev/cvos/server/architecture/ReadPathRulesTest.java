package dev.cvos.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.cvos.server.object.ObjectReads;
import dev.cvos.server.object.ReadAnswer;
import org.junit.jupiter.api.Test;

/**
 * The read path of docs/architecture.md ("The read path"): the answer to a GET or HEAD is computed
 * without the HTTP server's types, so one handler renders it and a test can read it without a socket.
 */
class ReadPathRulesTest {
  @Test
  void theReadAnswerIsComputedWithoutJettyJerseyOrJaxRs() {
    noClasses().that().belongToAnyOf(ObjectReads.class, ReadAnswer.class)
        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "org.glassfish..", "jakarta.ws.rs..")
        .check(CvosClasses.production());
  }
}
