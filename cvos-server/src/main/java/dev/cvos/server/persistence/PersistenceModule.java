package dev.cvos.server.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.PrivateModule;
import com.google.inject.Singleton;
import dev.cvos.domain.catalog.ObjectCatalog;
import dev.cvos.domain.cluster.CertificateDirectory;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.ServerRegistry;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Binds the persistence of a started {@link Database}: the {@link Database} itself (for readiness
 * and shutdown), the {@link ServerRegistry} and the {@link DeletionLog}, all singletons. The jOOQ
 * {@link DSLContext} is bound in a private module and not exposed, so nothing outside this package
 * can reach jOOQ. Works under {@code requireExplicitBindings()}.
 *
 * <pre>{@code
 * Database db = Database.start(new DatabaseConfig(values, baseDir));
 * Injector injector = Guice.createInjector(..., new PersistenceModule(db));
 * }</pre>
 */
public final class PersistenceModule extends AbstractModule {
  private final Database database;

  public PersistenceModule(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  protected void configure() {
    bind(Database.class).toInstance(database);
    install(new PrivateModule() {
      @Override
      protected void configure() {
        bind(DSLContext.class).toInstance(database.dsl());
        bind(JooqServerRegistry.class).in(Singleton.class);
        bind(JooqDeletionLog.class).in(Singleton.class);
        bind(JooqCertificateDirectory.class).in(Singleton.class);
        bind(JooqObjectCatalog.class).in(Singleton.class);
        bind(ObjectCatalog.class).to(JooqObjectCatalog.class);
        expose(ObjectCatalog.class);
        bind(CertificateDirectory.class).to(JooqCertificateDirectory.class);
        expose(CertificateDirectory.class);
        bind(ServerRegistry.class).to(JooqServerRegistry.class);
        bind(DeletionLog.class).to(JooqDeletionLog.class);
        expose(ServerRegistry.class);
        expose(DeletionLog.class);
      }
    });
  }
}
