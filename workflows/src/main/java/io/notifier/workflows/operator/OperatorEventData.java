package io.notifier.workflows.operator;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The notification an {@link OperatorEvent} is about, as its workflow knows it at that moment: what
 * an operator needs to act without opening anything else. A field without a value is null.
 *
 * @param txNo the recharge's transaction number
 * @param workflowId its notification's workflow ({@code notify-<txNo>}), for the Web UI and the CLI
 * @param accountNo the account to credit
 * @param amount the amount, as recorded; a JSON string ("100.00"), as in the notification
 * @param status the notification's NotifyStatus after the event
 * @param attempts delivery attempts made so far
 * @param reason why it is in that status, in the workflow's words
 * @param lastError the last delivery or reconciliation error anyone may read
 * @param payResult what pay-api's query interface reported, where reconciliation asked
 * @param failingSince the first failed attempt's start, where attempts failed
 */
public record OperatorEventData(
    String txNo,
    String workflowId,
    String accountNo,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
    String status,
    int attempts,
    String reason,
    String lastError,
    String payResult,
    Instant failingSince) {}
