package io.github.cofferdam.junit;

import io.github.cofferdam.junit.internal.provider.Providers;
import io.github.cofferdam.junit.internal.provider.ServerHandle;
import io.github.cofferdam.junit.internal.provider.ServerSpec;
import io.github.cofferdam.junit.internal.provider.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL for a test class that works below the extension (at the major version
 * {@code cofferdam.postgres.version}, 17 by default): {@code @RegisterExtension static final
 * EmbeddedServerExtension SERVER = new EmbeddedServerExtension();}
 */
public final class EmbeddedServerExtension implements BeforeAllCallback, AfterAllCallback {

  private ServerHandle server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        Providers.start(ServerSpec.embedded(Integer.getInteger("cofferdam.postgres.version", 17)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
  }

  /** A new database on the server. */
  public TestDatabase createDatabase(String purpose) {
    return server.createDatabase(purpose);
  }
}
