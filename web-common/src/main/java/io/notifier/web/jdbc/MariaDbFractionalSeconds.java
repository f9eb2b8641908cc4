package io.notifier.web.jdbc;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.jdbc.interceptors.ConnectionLifecycleInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.ServerCapabilities;
import com.mysql.cj.protocol.a.NativeCapabilities;
import java.lang.reflect.Field;
import java.sql.Savepoint;
import java.util.Properties;

/**
 * Lets MySQL Connector/J send the fractional seconds of timestamps to MariaDB 10.
 *
 * <p>MariaDB 10 announces itself as {@code 5.5.5-10.11.19-MariaDB}: a prefix kept for MySQL 5.5's
 * replication clients, dropped in MariaDB 11 (MDEV-28910). Connector/J, which does not support
 * MariaDB, reads that as MySQL 5.5.5, older than fractional seconds (5.6.4), and so cuts them off
 * every temporal parameter it sends: a {@code Timestamp}, an {@code Instant}, a {@code
 * LocalDateTime} of 18:19:17.745 reaches the server as 18:19:17, whatever the column's type. Every
 * MariaDB since 5.3 stores fractional seconds; this corrects that one conclusion, on each new
 * connection, and changes nothing else: time zones, types and errors stay Connector/J's. Against
 * MySQL, or a MariaDB that announces its own version, it does nothing.
 *
 * <p>Enabled as a driver setting ({@code connectionLifecycleInterceptors}) by the services' MySQL
 * profiles. Connector/J keeps the conclusion in a private field, with no setting to correct it;
 * should a Connector/J release rename that field, connections to MariaDB 10 fail at once with this
 * class named, rather than lose milliseconds quietly.
 */
public class MariaDbFractionalSeconds implements ConnectionLifecycleInterceptor {

  private static final String FIELD = "serverHasFracSecsSupport";

  @Override
  public ConnectionLifecycleInterceptor init(
      MysqlConnection connection, Properties properties, Log log) {
    ServerCapabilities server = connection.getSession().getServerSession().getCapabilities();
    if (!server.serverSupportsFracSecs() && isMariaDb(server)) {
      supportFractionalSeconds(server);
    }
    return this;
  }

  private static boolean isMariaDb(ServerCapabilities server) {
    return server.getServerVersion().toString().contains("-MariaDB");
  }

  private static void supportFractionalSeconds(ServerCapabilities server) {
    try {
      Field field = NativeCapabilities.class.getDeclaredField(FIELD);
      field.setAccessible(true);
      field.setBoolean(server, true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Connector/J would cut the fractional seconds off every timestamp sent to MariaDB %s,"
                  .formatted(server.getServerVersion())
              + " and this Connector/J has no NativeCapabilities."
              + FIELD
              + " to correct: see "
              + MariaDbFractionalSeconds.class.getName(),
          e);
    }
    if (!server.serverSupportsFracSecs()) {
      throw new IllegalStateException(
          "Connector/J still cuts the fractional seconds off timestamps sent to MariaDB; see "
              + MariaDbFractionalSeconds.class.getName());
    }
  }

  @Override
  public void destroy() {}

  @Override
  public void close() {}

  @Override
  public boolean commit() {
    return true;
  }

  @Override
  public boolean rollback() {
    return true;
  }

  @Override
  public boolean rollback(Savepoint savepoint) {
    return true;
  }

  @Override
  public boolean setAutoCommit(boolean autoCommit) {
    return true;
  }

  @Override
  public boolean setDatabase(String database) {
    return true;
  }

  @Override
  public boolean transactionBegun() {
    return true;
  }

  @Override
  public boolean transactionCompleted() {
    return true;
  }
}
