package io.notifier.seed.account;

import io.notifier.seed.mq.EmbeddedRocketMq;
import io.notifier.seed.web.Database;
import io.notifier.seed.web.JsonServer;
import io.notifier.seed.web.JsonServer.Reply;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import tools.jackson.databind.JsonNode;

/**
 * The seed's account system (账户系统): listens on the topic, and for each message inserts the txNo
 * into {@code de_duplication} and adds the amount to {@code account_info} in one transaction; a
 * duplicate key means the message was consumed before, and is acknowledged. Anything else is left
 * unacknowledged, for the broker to redeliver. {@code GET /api/accounts/{no}} shows the balance.
 */
public final class AccountSystem implements AutoCloseable {

  private final Database database;
  private final DefaultMQPushConsumer consumer;
  private final JsonServer server;

  private AccountSystem(Database database, DefaultMQPushConsumer consumer, JsonServer server) {
    this.database = database;
    this.consumer = consumer;
    this.server = server;
  }

  public static AccountSystem start(Database database, String namesrv, int port) throws Exception {
    database.create(
        """
        CREATE TABLE IF NOT EXISTS account_info (
          account_no VARCHAR(32) PRIMARY KEY,
          account_name VARCHAR(64) NOT NULL,
          account_balance DECIMAL(19, 2) NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS de_duplication (
          tx_no VARCHAR(64) PRIMARY KEY,
          create_time TIMESTAMP(3) NOT NULL)""");
    for (List<String> account : List.of(List.of("1", "张三"), List.of("2", "李四"))) {
      insertIfAbsent(database, account.get(0), account.get(1));
    }
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("consumer_group_notifymsg_bank1");
    consumer.setNamesrvAddr(namesrv);
    consumer.subscribe(EmbeddedRocketMq.TOPIC, "*");
    AccountSystem[] self = new AccountSystem[1];
    consumer.registerMessageListener(
        (MessageListenerConcurrently) (messages, context) -> self[0].consume(messages));
    consumer.start();
    awaitQueues(consumer);
    JsonServer server = JsonServer.start(port, (method, path, body) -> self[0].route(method, path));
    self[0] = new AccountSystem(database, consumer, server);
    return self[0];
  }

  /**
   * The consumer takes its queues at its next rebalance, every 20 s; ask for one now, and serve
   * only once it consumes, so that the first recharges are not measured waiting for it.
   */
  private static void awaitQueues(DefaultMQPushConsumer consumer) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      consumer.getDefaultMQPushConsumerImpl().doRebalance();
      if (!consumer
          .getDefaultMQPushConsumerImpl()
          .getRebalanceImpl()
          .getProcessQueueTable()
          .isEmpty()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the consumer got no queue of " + EmbeddedRocketMq.TOPIC);
  }

  private static void insertIfAbsent(Database database, String accountNo, String name) {
    try {
      database.inTransaction(
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO account_info (account_no, account_name, account_balance)"
                        + " VALUES (?, ?, 0)")) {
              insert.setString(1, accountNo);
              insert.setString(2, name);
              return insert.executeUpdate();
            }
          });
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof SQLIntegrityConstraintViolationException)) {
        throw e;
      }
    }
  }

  public int port() {
    return server.port();
  }

  private ConsumeConcurrentlyStatus consume(List<MessageExt> messages) {
    try {
      for (MessageExt message : messages) {
        credit(JsonServer.JSON.readTree(message.getBody()));
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    } catch (RuntimeException e) {
      return ConsumeConcurrentlyStatus.RECONSUME_LATER;
    }
  }

  private void credit(JsonNode recharge) {
    database.inTransaction(
        connection -> {
          if (!firstTime(connection, recharge.path("txNo").asString())) {
            return null; // consumed before: acknowledge, credit nothing
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE account_info SET account_balance = account_balance + ?"
                      + " WHERE account_no = ?")) {
            update.setBigDecimal(1, new BigDecimal(recharge.path("amount").asString()));
            update.setString(2, recharge.path("accountNo").asString());
            update.executeUpdate();
          }
          return null;
        });
  }

  private static boolean firstTime(Connection connection, String txNo) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO de_duplication (tx_no, create_time) VALUES (?, CURRENT_TIMESTAMP(3))")) {
      insert.setString(1, txNo);
      insert.executeUpdate();
      return true;
    } catch (SQLIntegrityConstraintViolationException duplicate) {
      return false;
    }
  }

  private Reply route(String method, String path) {
    if (method.equals("GET") && path.startsWith("/api/accounts/")) {
      return account(path.substring("/api/accounts/".length()));
    }
    return new Reply(404, Map.of("error", "no such resource"));
  }

  private Reply account(String accountNo) {
    Map<String, Object> found =
        database.inTransaction(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT account_name, account_balance FROM account_info WHERE account_no = ?")) {
                select.setString(1, accountNo);
                try (ResultSet row = select.executeQuery()) {
                  if (!row.next()) {
                    return null;
                  }
                  Map<String, Object> account = new LinkedHashMap<>();
                  account.put("accountNo", accountNo);
                  account.put("accountName", row.getString(1));
                  account.put("balance", row.getBigDecimal(2).toPlainString());
                  return account;
                }
              }
            });
    return found == null
        ? new Reply(404, Map.of("error", "no such account"))
        : new Reply(200, found);
  }

  @Override
  public void close() {
    server.close();
    consumer.shutdown();
    database.close();
  }
}
