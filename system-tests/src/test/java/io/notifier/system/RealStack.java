package io.notifier.system;

import io.notifier.temporaldev.DevServer;
import io.notifier.testing.MariaDbCheck;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MySQL stack, as {@code ./run.sh dev} runs it, with a gateway in front of account-api as in
 * production: the Temporal CLI's dev server on a database file, MariaDB (MySQL-compatible) with
 * databases of this stack's own, which it drops when closed, and nginx routing {@code
 * /account-api/} to account-api, through the fault proxy. The test class checks MariaDB answers
 * first ({@link MariaDbCheck}).
 */
final class RealStack extends NotifierStack {

  /** The gateway pay-api's notifier reaches account-api through, under its base path. */
  final NginxGateway gateway = NginxGateway.to(receiverLink.port(), logs);

  private static final String DB_USER = System.getenv().getOrDefault("DB_USER", "notify");
  private static final String DB_PASSWORD = System.getenv().getOrDefault("DB_PASSWORD", "notify");

  private final String mariadb =
      System.getProperty(MariaDbCheck.URL_PROPERTY, "jdbc:mysql://127.0.0.1:3306");
  private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  RealStack(String name) {
    super(name, DevServer.Durability.POWER_CUT);
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

  /** How account-api learned of {@code txNo}: de_duplication's source, read from MariaDB. */
  String settlementSource(String txNo) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(mariadb + "/" + accountDatabase(), DB_USER, DB_PASSWORD);
        var query =
            connection.prepareStatement("SELECT source FROM de_duplication WHERE tx_no = ?")) {
      query.setString(1, txNo);
      try (var rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private String payDatabase() {
    return "bank1_pay_e2e_" + suffix;
  }

  private String accountDatabase() {
    return "bank1_e2e_" + suffix;
  }

  @Override
  URI notifiersAccountApi() {
    return gateway.accountApi();
  }

  @Override
  public void close() {
    super.close();
    gateway.close();
    try (Connection connection = DriverManager.getConnection(mariadb + "/", DB_USER, DB_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + payDatabase());
      statement.execute("DROP DATABASE IF EXISTS " + accountDatabase());
    } catch (SQLException e) {
      // nothing to clean up if it never got that far
    }
  }
}
