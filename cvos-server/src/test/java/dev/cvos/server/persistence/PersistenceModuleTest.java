package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class PersistenceModuleTest {
  @Test
  void bindsTheRepositoriesAsSingletonsUnderExplicitBindingsAndHidesJooq() throws Exception {
    try (Database database = TestingDatabase.create().start()) {
      Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
        @Override
        protected void configure() {
          binder().requireExplicitBindings();
          binder().disableCircularProxies();
        }
      }, new PersistenceModule(database));

      ServerRegistry registry = injector.getInstance(ServerRegistry.class);
      DeletionLog log = injector.getInstance(DeletionLog.class);
      assertThat(injector.getInstance(ServerRegistry.class)).isSameAs(registry);
      assertThat(injector.getInstance(DeletionLog.class)).isSameAs(log);
      assertThat(injector.getInstance(Database.class)).isSameAs(database);
      assertThatThrownBy(() -> injector.getInstance(DSLContext.class))
          .isInstanceOf(ConfigurationException.class);

      Instant now = Instant.parse("2026-03-01T10:00:00Z");
      registry.register(new ServerRecord("a", URI.create("https://a:8443"), ServerRole.PRIMARY,
          StorageMode.LOCAL, "0.1.0", now));
      long id = log.record("images", "k", now, "a").id();
      log.markApplied("a", id);
      assertThat(log.dropFullyApplied()).isEqualTo(1);
    }
  }
}
