package io.notifier.account.notification;

import io.notifier.account.security.WebhookSignatureAuthentication;
import io.notifier.account.settlement.SettlementService;
import io.notifier.account.settlement.SettlementSource;
import io.notifier.web.Problems;
import io.notifier.web.tracing.TxNoAttribute;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
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

  /**
   * The body must be declared JSON: a wildcard Content-Type is a 415, not a guess. A signature
   * grants the delivery of the notification it was made for, its {@code webhook-id} being the txNo:
   * one made for another message credits nothing (403).
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  Acknowledgement receive(
      @Valid @RequestBody NotificationRequest notification,
      Authentication caller,
      HttpServletRequest http) {
    TxNoAttribute.onRequest(http, notification.txNo());
    String signedFor = WebhookSignatureAuthentication.signedMessageOf(caller).orElse(null);
    if (!notification.txNo().equals(signedFor)) {
      throw Problems.of(
          HttpStatus.FORBIDDEN,
          "Signed for another message",
          "The signature was made for the message "
              + signedFor
              + ", not for the notification of "
              + notification.txNo()
              + "; nothing was credited.");
    }
    if (!notification.paid()) {
      return Acknowledgement.of(notification.txNo(), false);
    }
    boolean credited =
        settlement.settle(notification.toPaidRecharge(), SettlementSource.NOTIFICATION);
    return Acknowledgement.of(notification.txNo(), credited);
  }
}
