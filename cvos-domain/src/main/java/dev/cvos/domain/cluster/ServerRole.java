package dev.cvos.domain.cluster;

/** What a server does with objects. */
public enum ServerRole {
  /** Stores objects, and balances POSTs over the storing servers by default. */
  PRIMARY(true),
  /** Stores objects; a miss is asked of the other storing servers. */
  REDUNDANT_SECONDARY(true),
  /** Proxy mode: stores nothing and forwards every request to a storing server. */
  SIMPLE_SECONDARY(false);

  private final boolean stores;

  ServerRole(boolean stores) {
    this.stores = stores;
  }

  /** Whether a server of this role keeps objects. */
  public boolean stores() {
    return stores;
  }
}
