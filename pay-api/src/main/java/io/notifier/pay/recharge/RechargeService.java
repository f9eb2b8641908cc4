package io.notifier.pay.recharge;

import io.notifier.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Records a recharge, then announces it ({@link RechargeRecorded}), which starts its notification.
 * The order matters: the recharge commits first (a single INSERT, its own transaction), so a
 * notification never announces a recharge that a rollback took back; if the start then fails, the
 * row still says so, and the relay starts it.
 */
@Service
public class RechargeService {

  private final RechargeRepository recharges;
  private final ApplicationEventPublisher events;
  private final TxNoGenerator txNos;
  private final Clock clock;

  RechargeService(
      RechargeRepository recharges,
      ApplicationEventPublisher events,
      TxNoGenerator txNos,
      Clock clock) {
    this.recharges = recharges;
    this.events = events;
    this.txNos = txNos;
    this.clock = clock;
  }

  /** What a recharge request led to: a recharge, new or recorded by an earlier request. */
  public record Recorded(Recharge recharge, boolean created) {}

  /**
   * @param idempotencyKey the client's Idempotency-Key, or null: a repeated key with the same
   *     request returns the original recharge, with another request it is a conflict
   */
  public Recorded recharge(RechargeRequest request, String idempotencyKey) {
    Recharge recharge =
        new Recharge(
            txNos.next(),
            request.accountNo(),
            request.amountToTheCent(),
            Recharge.SUCCESS,
            idempotencyKey,
            Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
            null);
    try {
      recharges.insert(
          recharge.txNo(),
          recharge.accountNo(),
          recharge.amount(),
          recharge.result(),
          recharge.idempotencyKey(),
          recharge.createdAt());
    } catch (DuplicateKeyException keyUsedBefore) {
      if (idempotencyKey == null) {
        throw keyUsedBefore;
      }
      return new Recorded(original(idempotencyKey, request), false);
    }
    events.publishEvent(new RechargeRecorded(recharge));
    return new Recorded(recharge, true);
  }

  public Optional<Recharge> find(String txNo) {
    return recharges.findById(txNo);
  }

  private Recharge original(String idempotencyKey, RechargeRequest request) {
    Recharge original = recharges.findByIdempotencyKey(idempotencyKey).orElseThrow();
    if (!original.sameRequestAs(request)) {
      throw Problems.conflict(
          "Idempotency-Key reused",
          "The Idempotency-Key was used for recharge %s of %s to account %s; this request differs."
              .formatted(original.txNo(), original.amount().toPlainString(), original.accountNo()));
    }
    if (original.notifyStartedAt() == null) {
      // The first request may have died between its commit and the start; starting is idempotent.
      events.publishEvent(new RechargeRecorded(original));
    }
    return original;
  }
}
