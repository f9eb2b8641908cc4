package io.notifier.account.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Ledger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Real threads against the real database: the de-duplication key, not luck, keeps credits single.
 */
@AccountApiTest
class ConcurrentSettlementTest {

  private static final int RACERS = 16;

  @Autowired SettlementService settlement;
  @Autowired Ledger ledger;

  @Test
  void notificationsAndReconciliationsRacingOnOneTxNoCreditItOnce() throws Exception {
    PaidRecharge recharge =
        new PaidRecharge("tx-" + UUID.randomUUID(), "1", new BigDecimal("12.34"));
    BigDecimal before = ledger.balanceOf("1");

    List<Boolean> credited =
        race(
            i ->
                settlement.settle(
                    recharge,
                    i % 2 == 0 ? SettlementSource.NOTIFICATION : SettlementSource.RECONCILIATION));

    assertThat(credited).containsOnlyOnce(true);
    assertThat(ledger.balanceOf("1")).isEqualByComparingTo(before.add(recharge.amount()));
    assertThat(ledger.settlementsOf(recharge.txNo())).isEqualTo(1);
  }

  @Test
  void concurrentCreditsOfDifferentTxNosToOneAccountAllCount() throws Exception {
    BigDecimal before = ledger.balanceOf("2");

    List<Boolean> credited =
        race(
            i ->
                settlement.settle(
                    new PaidRecharge("tx-" + UUID.randomUUID(), "2", new BigDecimal("1.01")),
                    SettlementSource.NOTIFICATION));

    assertThat(credited).containsOnly(true);
    assertThat(ledger.balanceOf("2"))
        .isEqualByComparingTo(
            before.add(new BigDecimal("1.01").multiply(BigDecimal.valueOf(RACERS))));
  }

  interface Racer {
    boolean run(int index) throws Exception;
  }

  /** Starts all racers at once and collects what each returned. */
  private static List<Boolean> race(Racer racer) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        int index = i;
        Callable<Boolean> call =
            () -> {
              start.await();
              return racer.run(index);
            };
        results.add(pool.submit(call));
      }
      start.countDown();
      List<Boolean> outcomes = new ArrayList<>();
      for (Future<Boolean> result : results) {
        outcomes.add(result.get());
      }
      return outcomes;
    }
  }
}
