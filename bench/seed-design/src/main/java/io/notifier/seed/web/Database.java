package io.notifier.seed.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** One system's database: a pooled connection and the tables it creates if missing. */
public final class Database implements AutoCloseable {

  /** A unit of work on one connection, committed by {@link #inTransaction}. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource dataSource;

  public Database(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    // As many as the consumer's threads (20), like a Spring Boot service's default pool (10) and
    // up.
    config.setMaximumPoolSize(20);
    config.setAutoCommit(false);
    this.dataSource = new HikariDataSource(config);
  }

  public void create(String... statements) {
    inTransaction(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
              statement.execute(sql);
            }
          }
          return null;
        });
  }

  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
