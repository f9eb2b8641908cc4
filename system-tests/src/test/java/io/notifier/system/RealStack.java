package io.notifier.system;

import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real stack: the Temporal CLI's dev server on a database file, and MariaDB (MySQL-compatible)
 * with databases of this stack's own, which it drops when closed.
 */
final class RealStack extends NotifierStack {

  private static final String DB_USER = System.getenv().getOrDefault("DB_USER", "notify");
  private static final String DB_PASSWORD = System.getenv().getOrDefault("DB_PASSWORD", "notify");

  private final int temporalPort = FreePorts.find();
  private final int uiPort = FreePorts.find();
  private final Path historyFile;
  private final String mariadb = System.getProperty("mariadb.url", "jdbc:mysql://127.0.0.1:3306");
  private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final TemporalCli cli = new TemporalCli(temporalAddress());
  private ServiceProcess devServer;

  RealStack(String name) {
    super(name);
    try {
      historyFile = Files.createTempDirectory("notifier-temporal-").resolve("dev.db");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  TemporalCli cli() {
    return cli;
  }

  @Override
  NotifierStack start() {
    checkMariaDb();
    return super.start();
  }

  @Override
  void startTemporal() {
    List<String> command =
        new ArrayList<>(
            List.of(
                TemporalCli.binary().toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(temporalPort),
                "--ui-port",
                String.valueOf(uiPort),
                "--db-filename",
                historyFile.toString(),
                "--namespace",
                "default",
                "--log-level",
                "warn"));
    for (String attribute : List.of("TxNo", "AccountNo", "NotifyStatus")) {
      command.addAll(List.of("--search-attribute", attribute + "=Keyword"));
    }
    devServer =
        new ServiceProcess("temporal", command, logs.resolve("temporal.log"), this::serving)
            .start();
  }

  private boolean serving() {
    try {
      cli.run("operator", "cluster", "health");
      return true;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  @Override
  void stopTemporal() {
    if (devServer != null) {
      devServer.stop();
    }
  }

  @Override
  String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  @Override
  List<String> databaseArguments(String service) {
    String database = "pay".equals(service) ? payDatabase() : accountDatabase();
    return List.of(
        "--spring.profiles.active=mysql",
        "--spring.datasource.url="
            + mariadb
            + "/"
            + database
            + "?createDatabaseIfNotExist=true&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true");
  }

  private String payDatabase() {
    return "bank1_pay_e2e_" + suffix;
  }

  private String accountDatabase() {
    return "bank1_e2e_" + suffix;
  }

  private void checkMariaDb() {
    try (Connection ignored = DriverManager.getConnection(mariadb + "/", DB_USER, DB_PASSWORD)) {
      // reachable
    } catch (SQLException e) {
      throw new IllegalStateException(
          "MariaDB/MySQL is not reachable at "
              + mariadb
              + " as "
              + DB_USER
              + " ("
              + e.getMessage()
              + "): ./test.sh starts it with scripts/mariadb.sh ensure",
          e);
    }
  }

  @Override
  public void close() {
    super.close();
    try (Connection connection = DriverManager.getConnection(mariadb + "/", DB_USER, DB_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + payDatabase());
      statement.execute("DROP DATABASE IF EXISTS " + accountDatabase());
    } catch (SQLException e) {
      // nothing to clean up if it never got that far
    }
  }
}
