package io.notifier.seed;

import io.notifier.seed.account.AccountSystem;
import io.notifier.seed.mq.EmbeddedRocketMq;
import io.notifier.seed.pay.PaySystem;
import io.notifier.seed.web.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The seed article's design, as the benchmark's baseline: the pay system records a recharge and, in
 * the same local transaction, sends a plain RocketMQ message; the account system consumes it,
 * de-duplicates by txNo and credits the balance. RocketMQ redelivers what the consumer does not
 * acknowledge, on the broker's own delay levels. No schedule of ours, no window, no reconciliation:
 * its flaws are kept, it is the thing compared with.
 *
 * <p>One process holds the name server, the broker and both systems, each system with its own
 * database and its own HTTP port, behind the notifier's REST contract ({@code POST /api/recharges}
 * on one port, {@code GET /api/accounts/{no}} on the other). Messages still cross the loopback:
 * producer → broker → consumer.
 *
 * <pre>
 *   java -jar seed-design-exec.jar --pay-port=8091 --account-port=8092 --namesrv-port=9876
 *        --broker-port=10911 --store-dir=DIR [--pay-db=JDBC --account-db=JDBC --db-user= --db-password=]
 * </pre>
 */
public final class SeedDesign {

  private SeedDesign() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path store = Path.of(options.getOrDefault("store-dir", "target/seed-store")).toAbsolutePath();
    Files.createDirectories(store);
    // RocketMQ writes its own logs under ${user.home}/logs; keep them with the store.
    System.setProperty("user.home", store.toString());
    int namesrvPort = Integer.parseInt(options.getOrDefault("namesrv-port", "9876"));
    int brokerPort = Integer.parseInt(options.getOrDefault("broker-port", "10911"));
    String user = options.getOrDefault("db-user", "sa");
    String password = options.getOrDefault("db-password", "");

    EmbeddedRocketMq mq = EmbeddedRocketMq.start(store, namesrvPort, brokerPort);
    PaySystem pay =
        PaySystem.start(
            new Database(
                options.getOrDefault("pay-db", "jdbc:h2:file:" + store + "/bank1_pay"),
                user,
                password),
            mq.namesrvAddress(),
            Integer.parseInt(options.getOrDefault("pay-port", "8091")));
    AccountSystem account =
        AccountSystem.start(
            new Database(
                options.getOrDefault("account-db", "jdbc:h2:file:" + store + "/bank1"),
                user,
                password),
            mq.namesrvAddress(),
            Integer.parseInt(options.getOrDefault("account-port", "8092")));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pay.close();
                  account.close();
                  mq.close();
                },
                "seed-shutdown"));
    System.out.printf(
        "seed design ready: pay :%d, account :%d, namesrv :%d, broker :%d%n",
        pay.port(), account.port(), namesrvPort, brokerPort);
    Thread.currentThread().join();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      options.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return options;
  }
}
