package io.notifier.pay.recharge;

import io.notifier.workflows.RechargeNotification;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A recharge (table account_pay).
 *
 * @param clientId the client that asked for it, by its API key's name; null for a recharge recorded
 *     before clients were known
 * @param idempotencyKey the client's Idempotency-Key, when it sent one; unique per client
 * @param notifyStartedAt when its notification was known to be started; null until then
 */
@Table("account_pay")
public record Recharge(
    @Id String txNo,
    String accountNo,
    @Column("pay_amount") BigDecimal amount,
    String result,
    String clientId,
    String idempotencyKey,
    Instant createdAt,
    Instant notifyStartedAt) {

  /** This demo's pay system has no failing payments: every recorded recharge is paid. */
  public static final String SUCCESS = RechargeNotification.SUCCESS;

  boolean sameRequestAs(RechargeRequest request) {
    return accountNo.equals(request.accountNo()) && amount.compareTo(request.amount()) == 0;
  }
}
