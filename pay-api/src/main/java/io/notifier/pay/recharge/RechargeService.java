package io.notifier.pay.recharge;

import io.notifier.web.ProblemType;
import io.notifier.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Records a recharge, then announces it ({@link RechargeRecorded}), which starts its notification.
 * The order matters: the recharge commits first (a single INSERT, its own transaction), so a
 * notification never announces a recharge that a rollback took back; if the start then fails, the
 * row still says so, and the relay starts it.
 *
 * <p>Before it takes a new recharge it asks the account system whether the account exists ({@link
 * AccountCheck}): money is not taken for an account that cannot be credited, nor when the account
 * system cannot say.
 */
@Service
public class RechargeService {

  private final RechargeRepository recharges;
  private final AccountCheck accounts;
  private final ApplicationEventPublisher events;
  private final TxNoGenerator txNos;
  private final Clock clock;

  RechargeService(
      RechargeRepository recharges,
      AccountCheck accounts,
      ApplicationEventPublisher events,
      TxNoGenerator txNos,
      Clock clock) {
    this.recharges = recharges;
    this.accounts = accounts;
    this.events = events;
    this.txNos = txNos;
    this.clock = clock;
  }

  /** What a recharge request led to: a recharge, new or recorded by an earlier request. */
  public record Recorded(Recharge recharge, boolean created) {}

  /** The answer to a txNo that is not there, or not the caller's to know of. */
  public static ErrorResponseException unknownTxNo(String txNo) {
    return Problems.notFound(
        ProblemType.UNKNOWN_TX_NO, "Unknown txNo", "There is no recharge " + txNo + ".");
  }

  /**
   * @param clientId the client asking, by its API key's name
   * @param idempotencyKey the client's Idempotency-Key, or null: a repeated key with the same
   *     request returns the original recharge, with another request it is a conflict; another
   *     client's keys are no concern of this one's
   * @throws ErrorResponseException 422 when the account system has no such account, 503 when it
   *     cannot be asked; nothing is recorded then
   */
  public Recorded recharge(String clientId, RechargeRequest request, String idempotencyKey) {
    if (idempotencyKey != null) {
      // A retry of a recorded recharge is answered with it, whatever the account system says now.
      Optional<Recharge> earlier = recharges.findByIdempotencyKey(clientId, idempotencyKey);
      if (earlier.isPresent()) {
        return new Recorded(original(earlier.get(), request), false);
      }
    }
    requireCreditable(request.accountNo());
    Recharge recharge =
        new Recharge(
            txNos.next(),
            request.accountNo(),
            request.amountToTheCent(),
            Recharge.SUCCESS,
            clientId,
            idempotencyKey,
            Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
            null);
    try {
      recharges.insert(
          recharge.txNo(),
          recharge.accountNo(),
          recharge.amount(),
          recharge.result(),
          recharge.clientId(),
          recharge.idempotencyKey(),
          recharge.createdAt());
    } catch (DuplicateKeyException keyUsedBefore) {
      if (idempotencyKey == null) {
        throw keyUsedBefore;
      }
      // A concurrent request with the same key committed first.
      return new Recorded(
          original(recharges.findByIdempotencyKey(clientId, idempotencyKey).orElseThrow(), request),
          false);
    }
    events.publishEvent(new RechargeRecorded(recharge));
    return new Recorded(recharge, true);
  }

  public Optional<Recharge> find(String txNo) {
    return recharges.findById(txNo);
  }

  private void requireCreditable(String accountNo) {
    switch (accounts.check(accountNo)) {
      case EXISTS -> {}
      case DOES_NOT_EXIST ->
          throw Problems.unprocessable(
              ProblemType.UNKNOWN_ACCOUNT,
              "Unknown account",
              "The account system has no account " + accountNo + "; nothing was recorded.");
      case CANNOT_TELL ->
          throw Problems.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "Account check unavailable",
              "The account system could not be asked whether account "
                  + accountNo
                  + " exists; nothing was recorded. Try again later.");
    }
  }

  private Recharge original(Recharge original, RechargeRequest request) {
    if (!original.sameRequestAs(request)) {
      throw Problems.conflict(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
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
