package io.notifier.account.settlement;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.notifier.account.account.AccountRepository;
import io.notifier.web.ProblemType;
import io.notifier.web.Problems;
import io.notifier.web.tracing.TxNoAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits a paid recharge exactly once. The de-duplication insert and the balance update share one
 * local transaction: the insert claims the txNo (a concurrent second claim waits on the row lock
 * and then fails as a duplicate), the update credits, and if the account does not exist both roll
 * back. Each settlement is observed as {@code account.settlement}: the credit's own span in the
 * recharge's trace, with its txNo and source, timed by source.
 */
@Service
public class SettlementService {

  private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

  private final SettlementRepository settlements;
  private final AccountRepository accounts;
  private final ObservationRegistry observations;

  SettlementService(
      SettlementRepository settlements,
      AccountRepository accounts,
      ObservationRegistry observations) {
    this.settlements = settlements;
    this.accounts = accounts;
    this.observations = observations;
  }

  /**
   * @return true when this call credited the account, false when the txNo had been credited before
   * @throws org.springframework.web.ErrorResponseException 422 for an unknown account, 409 when the
   *     txNo was settled with another account or amount
   */
  @Transactional
  public boolean settle(PaidRecharge recharge, SettlementSource source) {
    return Observation.createNotStarted("account.settlement", observations)
        .lowCardinalityKeyValue("source", source.name())
        .highCardinalityKeyValue(TxNoAttribute.KEY, recharge.txNo())
        .observe(() -> credit(recharge, source));
  }

  private boolean credit(PaidRecharge recharge, SettlementSource source) {
    try {
      settlements.insert(recharge.txNo(), recharge.accountNo(), recharge.amount(), source.name());
    } catch (DuplicateKeyException alreadySettled) {
      requireSameAsSettled(recharge);
      log.info("{} was settled before; not crediting again ({})", recharge.txNo(), source);
      return false;
    }
    if (accounts.credit(recharge.accountNo(), recharge.amount()) == 0) {
      throw Problems.unprocessable(
          ProblemType.UNKNOWN_ACCOUNT,
          "Unknown account",
          "There is no account " + recharge.accountNo() + " to credit " + recharge.txNo() + " to.");
    }
    log.info(
        "Credited {} to account {} for {} ({})",
        recharge.amount(),
        recharge.accountNo(),
        recharge.txNo(),
        source);
    return true;
  }

  private void requireSameAsSettled(PaidRecharge recharge) {
    Settlement settled = settlements.findById(recharge.txNo()).orElseThrow();
    if (!settled.matches(recharge)) {
      throw Problems.conflict(
          ProblemType.SETTLED_DIFFERENTLY,
          "Settled differently",
          "%s was settled as %s to account %s; this says %s to account %s."
              .formatted(
                  recharge.txNo(),
                  settled.amount().toPlainString(),
                  settled.accountNo(),
                  recharge.amount().toPlainString(),
                  recharge.accountNo()));
    }
  }
}
