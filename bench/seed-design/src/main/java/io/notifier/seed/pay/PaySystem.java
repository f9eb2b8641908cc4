package io.notifier.seed.pay;

import io.notifier.seed.mq.EmbeddedRocketMq;
import io.notifier.seed.web.Database;
import io.notifier.seed.web.JsonServer;
import io.notifier.seed.web.JsonServer.Reply;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import tools.jackson.databind.JsonNode;

/**
 * The seed's pay system (充值系统): {@code POST /api/recharges} inserts into {@code account_pay} and
 * sends the result to the topic inside the same transaction, as the seed's {@code @Transactional
 * insertAccountPay} does with {@code rocketMQTemplate.convertAndSend}; {@code GET
 * /api/recharges/{txNo}} is its query interface.
 */
public final class PaySystem implements AutoCloseable {

  private final Database database;
  private final DefaultMQProducer producer;
  private final JsonServer server;

  private PaySystem(Database database, DefaultMQProducer producer, JsonServer server) {
    this.database = database;
    this.producer = producer;
    this.server = server;
  }

  public static PaySystem start(Database database, String namesrv, int port) throws Exception {
    database.create(
        """
        CREATE TABLE IF NOT EXISTS account_pay (
          id VARCHAR(64) PRIMARY KEY,
          account_no VARCHAR(32) NOT NULL,
          pay_amount DECIMAL(19, 2) NOT NULL,
          result VARCHAR(16) NOT NULL,
          created_at TIMESTAMP(3) NOT NULL)""");
    DefaultMQProducer producer = new DefaultMQProducer("producer_group_notifymsg_bank1_pay");
    producer.setNamesrvAddr(namesrv);
    producer.start();
    awaitRoute(producer);
    PaySystem[] self = new PaySystem[1];
    JsonServer server =
        JsonServer.start(port, (method, path, body) -> self[0].route(method, path, body.get()));
    self[0] = new PaySystem(database, producer, server);
    return self[0];
  }

  /** The name server learns the topic from the broker's next registration; wait for it. */
  private static void awaitRoute(DefaultMQProducer producer) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try {
        if (!producer.fetchPublishMessageQueues(EmbeddedRocketMq.TOPIC).isEmpty()) {
          return;
        }
      } catch (MQClientException notYet) {
        // no route yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no route to " + EmbeddedRocketMq.TOPIC);
  }

  public int port() {
    return server.port();
  }

  private Reply route(String method, String path, JsonNode body) {
    if (method.equals("POST") && path.equals("/api/recharges")) {
      return recharge(body);
    }
    if (method.equals("GET") && path.startsWith("/api/recharges/")) {
      return find(path.substring("/api/recharges/".length()));
    }
    return new Reply(404, Map.of("error", "no such resource"));
  }

  private Reply recharge(JsonNode body) {
    String accountNo = body.path("accountNo").asString("");
    BigDecimal amount;
    try {
      amount = new BigDecimal(body.path("amount").asString("")).setScale(2);
    } catch (ArithmeticException | NumberFormatException e) {
      return new Reply(400, Map.of("error", "amount must be a decimal with at most 2 places"));
    }
    if (accountNo.isBlank() || amount.signum() <= 0) {
      return new Reply(400, Map.of("error", "accountNo and a positive amount are required"));
    }
    Map<String, Object> recharge = new LinkedHashMap<>();
    recharge.put("txNo", UUID.randomUUID().toString());
    recharge.put("accountNo", accountNo);
    recharge.put("amount", amount.toPlainString());
    recharge.put("result", "success");
    recharge.put("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    database.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO account_pay (id, account_no, pay_amount, result, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, (String) recharge.get("txNo"));
            insert.setString(2, accountNo);
            insert.setBigDecimal(3, amount);
            insert.setString(4, "success");
            insert.setTimestamp(
                5, Timestamp.from(Instant.parse((String) recharge.get("createdAt"))));
            insert.executeUpdate();
          }
          send(recharge); // before the commit, as in the seed: its flaw, kept
          return null;
        });
    return new Reply(201, recharge);
  }

  private void send(Map<String, Object> recharge) {
    byte[] body = JsonServer.JSON.writeValueAsString(recharge).getBytes(StandardCharsets.UTF_8);
    try {
      SendStatus status = producer.send(new Message(EmbeddedRocketMq.TOPIC, body)).getSendStatus();
      if (status != SendStatus.SEND_OK) {
        throw new IllegalStateException("send: " + status);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not send the notification: " + e, e);
    }
  }

  private Reply find(String txNo) {
    Map<String, Object> found =
        database.inTransaction(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT account_no, pay_amount, result FROM account_pay WHERE id = ?")) {
                select.setString(1, txNo);
                try (ResultSet row = select.executeQuery()) {
                  return row.next() ? toMap(txNo, row) : null;
                }
              }
            });
    return found == null
        ? new Reply(404, Map.of("error", "no such recharge"))
        : new Reply(200, found);
  }

  private static Map<String, Object> toMap(String txNo, ResultSet row) throws SQLException {
    Map<String, Object> recharge = new LinkedHashMap<>();
    recharge.put("txNo", txNo);
    recharge.put("accountNo", row.getString(1));
    recharge.put("amount", row.getBigDecimal(2).toPlainString());
    recharge.put("result", row.getString(3));
    return recharge;
  }

  @Override
  public void close() {
    server.close();
    producer.shutdown();
    database.close();
  }
}
