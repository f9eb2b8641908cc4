package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeService;
import io.notifier.pay.security.Roles;
import io.notifier.web.security.ApiKeys;
import io.notifier.web.validation.TxNo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A recharge's notification: its status for its client and operators, and the operator's moves,
 * each the workflow's signal of the same name: {@code reconcile}, {@code retry}, {@code close}.
 */
@RestController
@RequestMapping("/api/recharges/{txNo}/notification")
class NotificationController {

  private final RechargeService recharges;
  private final NotificationService notifications;

  NotificationController(RechargeService recharges, NotificationService notifications) {
    this.recharges = recharges;
    this.notifications = notifications;
  }

  @GetMapping
  NotificationView status(@PathVariable @TxNo String txNo, Authentication caller) {
    return notifications.status(recharge(txNo), Roles.isOperator(caller));
  }

  /** Reconcile now instead of after the window, or again after it could not conclude. */
  @PostMapping("/reconcile")
  ResponseEntity<NotificationView> reconcile(@PathVariable @TxNo String txNo) {
    return accepted(notifications.reconcile(recharge(txNo)));
  }

  /** Deliver again a notification that needs attention. */
  @PostMapping("/retry")
  ResponseEntity<NotificationView> retry(@PathVariable @TxNo String txNo) {
    return accepted(notifications.retry(recharge(txNo)));
  }

  /** The operator's reason, recorded with the notification and the operator's name. */
  record CloseRequest(
      @NotBlank(message = "is required: say why the notification is closed")
          @Size(max = 400, message = "must be at most 400 characters")
          String reason) {}

  /** Close the notification for good, with a reason: the notifier will not credit the account. */
  @PostMapping(path = "/close", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<NotificationView> close(
      @PathVariable @TxNo String txNo,
      @Valid @RequestBody CloseRequest request,
      @AuthenticationPrincipal ApiKeys.Caller operator) {
    return accepted(notifications.close(recharge(txNo), request.reason().strip(), operator.name()));
  }

  private static ResponseEntity<NotificationView> accepted(NotificationView view) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view);
  }

  private Recharge recharge(String txNo) {
    return recharges.find(txNo).orElseThrow(() -> RechargeService.unknownTxNo(txNo));
  }
}
