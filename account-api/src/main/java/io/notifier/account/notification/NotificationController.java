package io.notifier.account.notification;

import io.notifier.account.settlement.SettlementService;
import io.notifier.account.settlement.SettlementSource;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The receiving end of the best-effort notification. A 2xx tells the notifier to stop; anything
 * else makes it try again later, so only input that can never succeed gets a 4xx.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

  private final SettlementService settlement;

  NotificationController(SettlementService settlement) {
    this.settlement = settlement;
  }

  /** The body must be declared JSON: a wildcard Content-Type is a 415, not a guess. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  Acknowledgement receive(@Valid @RequestBody NotificationRequest notification) {
    if (!notification.paid()) {
      return Acknowledgement.of(notification.txNo(), false);
    }
    boolean credited =
        settlement.settle(notification.toPaidRecharge(), SettlementSource.NOTIFICATION);
    return Acknowledgement.of(notification.txNo(), credited);
  }
}
