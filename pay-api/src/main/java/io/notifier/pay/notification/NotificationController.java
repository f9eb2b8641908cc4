package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeService;
import io.notifier.web.Problems;
import io.notifier.web.validation.TxNo;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
  NotificationView status(@PathVariable @TxNo String txNo) {
    return notifications.status(recharge(txNo));
  }

  /** Sends the {@code reconcile} signal: reconcile now instead of after the window. */
  @PostMapping("/reconcile")
  ResponseEntity<NotificationView> reconcile(@PathVariable @TxNo String txNo) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(notifications.reconcile(recharge(txNo)));
  }

  private Recharge recharge(String txNo) {
    return recharges
        .find(txNo)
        .orElseThrow(() -> Problems.notFound("Unknown txNo", "There is no recharge " + txNo + "."));
  }
}
