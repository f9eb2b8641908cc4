package io.notifier.pay.recharge;

import io.notifier.pay.notification.NotificationStarter;
import io.notifier.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Records a recharge, then starts its notification. The order matters: the recharge commits first
 * (a single INSERT, its own transaction), so a notification never announces a recharge that a
 * rollback took back; if the start then fails, the row still says so, and the relay starts it.
 */
@Service
public class RechargeService {

  private final RechargeRepository recharges;
  private final NotificationStarter notifications;
  private final TxNoGenerator txNos;
  private final Clock clock;

  RechargeService(
      RechargeRepository recharges,
      NotificationStarter notifications,
      TxNoGenerator txNos,
      Clock clock) {
    this.recharges = recharges;
    this.notifications = notifications;
    this.txNos = txNos;
    this.clock = clock;
  }

  /** What a recharge request led to. */
  public record Outcome(Recharge recharge, boolean created) {}

  /**
   * @param idempotencyKey the client's Idempotency-Key, or null: a repeated key with the same
   *     request returns the original recharge, with another request it is a conflict
   */
  public Outcome recharge(RechargeRequest request, String idempotencyKey) {
    Recharge recharge =
        new Recharge(
            txNos.next(),
            request.accountNo(),
            request.amountInCents(),
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
      return new Outcome(original(idempotencyKey, request), false);
    }
    notifications.start(recharge);
    return new Outcome(recharge, true);
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
      notifications.start(original);
    }
    return original;
  }
}
