package io.notifier.testing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A database as an earlier release of a service left it, for testing what the service's later
 * migrations do to the data already there: a schema of its own (a database, on MariaDB) beside the
 * test context's, migrated by the service's own migrations up to a version. The test fills it
 * (qualifying its tables with {@link #table}), migrates it the rest of the way as the service's
 * next start would, and reads it. Closing drops it. Its name is in capitals, which H2 and MariaDB
 * both take unquoted.
 */
public final class EarlierDatabase implements AutoCloseable {

  private final Flyway service;
  private final DataSource migrating;
  private final String schema;

  private EarlierDatabase(Flyway service, DataSource migrating, String schema) {
    this.service = service;
    this.migrating = migrating;
    this.schema = schema;
  }

  /**
   * @param service the service's Flyway: its migrations, with its vendor's locations
   * @param migrating the connections the migrations run on, to the test context's database server
   */
  public static EarlierDatabase at(String version, Flyway service, DataSource migrating) {
    String schema =
        "EARLIER_"
            + HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
    EarlierDatabase database = new EarlierDatabase(service, migrating, schema);
    database.configuration(null).target(version).load().migrate();
    return database;
  }

  /** {@code name}, qualified with this database's schema. */
  public String table(String name) {
    return schema + "." + name;
  }

  /**
   * Runs the migrations not yet run.
   *
   * @param sessionSql run on each connection before the migrations, to vary what they may not
   *     assume, such as the session's time zone; null for nothing
   */
  public void migrate(String sessionSql) {
    configuration(sessionSql).load().migrate();
  }

  @Override
  public void close() {
    // Flyway drops the schemas it created.
    configuration(null).cleanDisabled(false).load().clean();
  }

  private FluentConfiguration configuration(String sessionSql) {
    return Flyway.configure()
        .configuration(service.getConfiguration())
        .dataSource(migrating)
        .schemas(schema)
        .defaultSchema(schema)
        .initSql(sessionSql);
  }
}
