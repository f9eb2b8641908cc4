package io.notifier.system;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients recharging while the services crash: each sends its recharges one after another, each
 * with an Idempotency-Key of its own, and retries a recharge with the same key until pay-api
 * answers 201 or 200 — a refused connection, a 5xx or a timeout tells it nothing. What it was told
 * is recorded, to be counted afterwards.
 */
final class CrashLoad {

  /** A recharge pay-api acknowledged. */
  record Accepted(String key, String txNo, String accountNo, BigDecimal amount) {}

  private final JsonApi payApi;
  private final List<Accepted> accepted = new ArrayList<>();
  private final ConcurrentLinkedQueue<Accepted> acknowledged = new ConcurrentLinkedQueue<>();
  private final AtomicInteger retries = new AtomicInteger();

  CrashLoad(JsonApi payApi) {
    this.payApi = payApi;
  }

  /** Runs {@code clients} clients of {@code each} recharges, on threads of their own. */
  List<Thread> start(int clients, int each, String run) {
    List<Thread> threads = new ArrayList<>();
    for (int client = 0; client < clients; client++) {
      int id = client;
      threads.add(
          Thread.ofPlatform()
              .name("crash-client-" + id)
              .start(() -> client(id, each, run, new Random(id))));
    }
    return threads;
  }

  private void client(int id, int each, String run, Random random) {
    for (int i = 0; i < each; i++) {
      String key = run + "-" + id + "-" + i;
      String accountNo = random.nextBoolean() ? "1" : "2";
      BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(99_999), 2);
      acknowledged.add(recordUntilAcknowledged(key, accountNo, amount));
    }
  }

  private Accepted recordUntilAcknowledged(String key, String accountNo, BigDecimal amount) {
    Map<String, String> body = Map.of("accountNo", accountNo, "amount", amount.toPlainString());
    while (true) {
      try {
        JsonApi.Response response =
            payApi.post("/api/recharges", body, Map.of("Idempotency-Key", key));
        if (response.status() == 201 || response.status() == 200) {
          return new Accepted(key, response.text("txNo"), accountNo, amount);
        }
      } catch (RuntimeException noAnswer) {
        // pay-api is down, or the answer was cut off: it told nothing, so try again
      }
      retries.incrementAndGet();
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // a client's back-off, not a wait
    }
  }

  int acknowledgedSoFar() {
    return acknowledged.size();
  }

  int retries() {
    return retries.get();
  }

  List<Accepted> accepted() {
    accepted.clear();
    accepted.addAll(acknowledged);
    return List.copyOf(accepted);
  }
}
