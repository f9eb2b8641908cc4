package io.notifier.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class, before Spring or a test stack tries, when the MariaDB server of the run does
 * not answer: a missing server is a failure that says what to do, never a skip. Does nothing
 * without {@code mariadb.url}.
 */
public final class MariaDbCheck implements BeforeAllCallback {

  /** The system property with the server's address, e.g. {@code jdbc:mysql://127.0.0.1:3306}. */
  public static final String URL_PROPERTY = "mariadb.url";

  @Override
  public void beforeAll(ExtensionContext context) {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null) {
      return;
    }
    String user = Objects.requireNonNullElse(System.getenv("DB_USER"), "notify");
    String password = Objects.requireNonNullElse(System.getenv("DB_PASSWORD"), "notify");
    try (Connection connection =
        DriverManager.getConnection(url + "/?connectTimeout=5000", user, password)) {
      connection.isValid(5);
    } catch (SQLException e) {
      String reason = e.getMessage().lines().findFirst().orElse(e.toString());
      throw new IllegalStateException(
          "MariaDB does not answer at %s as user %s (%s). These tests run on MariaDB: start it with scripts/mariadb.sh ensure (./test.sh does), or point -D%s at a running server."
              .formatted(url, user, reason, URL_PROPERTY),
          e);
    }
  }
}
