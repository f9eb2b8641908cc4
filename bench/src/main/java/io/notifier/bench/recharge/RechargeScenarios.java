package io.notifier.bench.recharge;

import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.bench.load.Load;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throughput and latency of any system behind the REST contract, seen as its user sees it: a
 * recharge is sent to pay ({@code POST /api/recharges}) and counts once account's balance ({@code
 * GET /api/accounts/{no}}) shows it. The same code measures the notifier and the seed's design.
 */
public final class RechargeScenarios {

  /** One unit per recharge, so that the expected balance is simply the count. */
  public static final BigDecimal AMOUNT = new BigDecimal("1.00");

  private final Api pay;
  private final Api account;
  private final String accountNo;
  private final Duration timeout;

  /** A recharge as pay answered it: its txNo and when pay recorded it (to the millisecond). */
  private record Recorded(String txNo, Instant createdAt) {}

  private final List<Recorded> sequential = Collections.synchronizedList(new ArrayList<>());

  public RechargeScenarios(Api pay, Api account, String accountNo, Duration timeout) {
    this.pay = pay;
    this.account = account;
    this.accountNo = accountNo;
    this.timeout = timeout;
  }

  /** The txNos of the last sequential run, in order. */
  public List<String> sequentialTxNos() {
    return sequential.stream().map(Recorded::txNo).toList();
  }

  public BigDecimal balance() {
    Api.Response response = account.get("/api/accounts/" + accountNo);
    if (response.status() != 200) {
      throw new IllegalStateException("account " + accountNo + ": HTTP " + response.status());
    }
    return new BigDecimal(response.text("balance"));
  }

  /** One recharge of {@link #AMOUNT}; its body as pay answered (201) with it. */
  public JsonNode recharge() {
    Api.Response created =
        pay.post(
            "/api/recharges", Map.of("accountNo", accountNo, "amount", AMOUNT.toPlainString()));
    if (created.status() != 201) {
      throw new IllegalStateException("recharge: HTTP " + created.status() + " " + created.body());
    }
    return created.body();
  }

  /**
   * {@code count} recharges from {@code concurrency} clients; the clock runs from the first request
   * until the balance shows every credit.
   */
  public ObjectNode throughput(int count, int concurrency) {
    BigDecimal target = balance().add(AMOUNT.multiply(BigDecimal.valueOf(count)));
    long start = System.nanoTime();
    Load.Run sent = Load.run(count, concurrency, i -> recharge());
    long credited = awaitBalance(target, Duration.ofMillis(10));
    double seconds = (credited - start) / 1e9;
    ObjectNode figures = sent.writeTo(Api.JSON.createObjectNode(), concurrency);
    figures.put("accepted_per_s", Latencies.round(sent.perSecond()));
    figures.put("seconds", Latencies.round(seconds));
    figures.put("credited_per_s", Latencies.round(count / seconds));
    return figures;
  }

  /**
   * {@code count} recharges one after the other, each timed from sending the POST until the balance
   * shows it, polled every {@code poll}. With {@code notified}, each notification's own story too:
   * from the recharge's {@code createdAt} to the workflow's {@code finishedAt}, both stamped by
   * pay-api's side on this machine's clock.
   */
  public ObjectNode latency(int count, Duration poll, boolean notified) {
    sequential.clear();
    Latencies toCredited = new Latencies();
    Latencies response = new Latencies();
    BigDecimal expected = balance();
    for (int i = 0; i < count; i++) {
      expected = expected.add(AMOUNT);
      long start = System.nanoTime();
      JsonNode recharge = recharge();
      response.addNanos(System.nanoTime() - start);
      toCredited.addNanos(awaitBalance(expected, poll) - start);
      sequential.add(
          new Recorded(
              recharge.path("txNo").asString(),
              notified ? Instant.parse(recharge.path("createdAt").asString()) : null));
    }
    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("poll_interval_ms", poll.toNanos() / 1e6);
    toCredited.writeTo(figures.putObject("recharge_to_credited"));
    response.writeTo(figures.putObject("recharge_response"));
    if (notified) {
      notifiedLatencies().writeTo(figures.putObject("recorded_to_notified"));
    }
    return figures;
  }

  private Latencies notifiedLatencies() {
    Latencies latencies = new Latencies();
    // createdAt from pay's answer, not from its database: a DATETIME column may drop the millis.
    for (Recorded recharge : List.copyOf(sequential)) {
      JsonNode notification = awaitNotified(recharge.txNo());
      Instant finished = Instant.parse(notification.path("finishedAt").asString());
      latencies.addMillis(Duration.between(recharge.createdAt(), finished).toNanos() / 1e6);
    }
    return latencies;
  }

  private JsonNode awaitNotified(String txNo) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode notification = pay.get("/api/recharges/" + txNo + "/notification").body();
      if ("NOTIFIED".equals(notification.path("status").asString())) {
        return notification;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(txNo + " not NOTIFIED: " + notification);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  /** Polls the balance until it reaches {@code target}; returns System.nanoTime() of that poll. */
  public long awaitBalance(BigDecimal target, Duration poll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      BigDecimal balance = balance();
      long seen = System.nanoTime();
      if (balance.compareTo(target) >= 0) {
        return seen;
      }
      if (seen > deadline) {
        throw new IllegalStateException(
            "account %s shows %s, expected %s after %s"
                .formatted(accountNo, balance, target, timeout));
      }
      LockSupport.parkNanos(poll.toNanos());
    }
  }
}
