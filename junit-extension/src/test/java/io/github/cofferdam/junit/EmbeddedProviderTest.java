package io.github.cofferdam.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cofferdam.junit.internal.provider.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded server runs as docs/providers.md says. */
class EmbeddedProviderTest {

  @RegisterExtension static final EmbeddedServerExtension server = new EmbeddedServerExtension();

  @Test
  void should_run_on_loopback_without_durability_with_postgresqls_default_connection_slots()
      throws Exception {
    try (TestDatabase db = server.createDatabase("settings");
        Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT concat_ws(' ', current_setting('listen_addresses'),"
                    + " current_setting('max_connections'), current_setting('fsync'),"
                    + " current_setting('synchronous_commit'), current_setting('full_page_writes'))")) {
      rs.next();
      // 100 slots: pg_locks, read twice per migration by the walk, walks every one
      assertThat(rs.getString(1)).isEqualTo("127.0.0.1 100 off off off");
    }
  }
}
