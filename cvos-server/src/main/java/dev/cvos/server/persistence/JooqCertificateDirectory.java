package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;

import dev.cvos.domain.cluster.CertificateDirectory;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/** The certificates in the registry rows (column {@code certificate_pem}, migration V2). */
final class JooqCertificateDirectory implements CertificateDirectory {
  static final int MAX_PEM_LENGTH = 16384;

  private final Transactions transactions;

  @Inject
  JooqCertificateDirectory(DSLContext dsl) {
    this.transactions = new Transactions(dsl);
  }

  @Override
  public void publish(String serverId, String certificatePem) {
    JooqServerRegistry.checkServerId(serverId);
    Objects.requireNonNull(certificatePem, "certificatePem");
    JooqServerRegistry.checkLength("certificate", certificatePem, MAX_PEM_LENGTH);
    int updated = transactions.inTransaction(tx -> tx.dsl()
        .update(SERVER_REGISTRY)
        .set(SERVER_REGISTRY.CERTIFICATE_PEM, certificatePem)
        .where(SERVER_REGISTRY.ID.eq(serverId))
        .execute());
    if (updated == 0) {
      throw new IllegalStateException("server '" + serverId
          + "' is not in the registry; it must register before it publishes its certificate");
    }
  }

  @Override
  public Map<String, String> certificates() {
    Map<String, String> byId = new LinkedHashMap<>();
    transactions.inTransaction(tx -> tx.dsl()
        .select(SERVER_REGISTRY.ID, SERVER_REGISTRY.CERTIFICATE_PEM)
        .from(SERVER_REGISTRY)
        .where(SERVER_REGISTRY.CERTIFICATE_PEM.isNotNull())
        .orderBy(SERVER_REGISTRY.ID)
        .fetch())
        .forEach(row -> byId.put(row.value1(), row.value2()));
    return byId;
  }
}
