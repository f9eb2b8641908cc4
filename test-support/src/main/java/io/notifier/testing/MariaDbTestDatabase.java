package io.notifier.testing;

import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On the MariaDB run, each Spring test context works in a database of its own that the driver
 * created (application-mariadb-test.yml); this drops it when the context closes, so test runs leave
 * no databases behind on the server.
 */
@Profile("mariadb-test")
public class MariaDbTestDatabase implements DisposableBean {

  /** Only what a test profile names so; never bank1 or bank1_pay, whatever the configuration. */
  private static final String THROWAWAY = "[a-z0-9_]+_test_[0-9a-f]{32}";

  private final JdbcTemplate jdbc;

  public MariaDbTestDatabase(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public void destroy() {
    String database = jdbc.queryForObject("SELECT DATABASE()", String.class);
    if (database != null && database.matches(THROWAWAY)) {
      jdbc.execute("DROP DATABASE IF EXISTS `" + database + "`");
    }
  }
}
