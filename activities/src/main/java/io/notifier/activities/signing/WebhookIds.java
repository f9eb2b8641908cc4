package io.notifier.activities.signing;

import io.notifier.workflows.RechargeNotification;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code webhook-id} of each message the notifier sends. Standard Webhooks asks that it stay
 * the same across attempts of one message, so a receiver can tell a retry from a new message.
 */
public final class WebhookIds {

  private static final Pattern RECONCILIATION = Pattern.compile("/api/reconciliations/([^/]+)");

  private WebhookIds() {}

  /**
   * A notification's id is its txNo; a request to reconcile one is {@code reconcile-<txNo>};
   * anything else is a message of its own each time.
   */
  public static String of(URI uri, Object body) {
    if (body instanceof RechargeNotification notification) {
      return notification.txNo();
    }
    Matcher reconciliation = RECONCILIATION.matcher(uri.getPath());
    if (body == null && reconciliation.matches()) {
      return "reconcile-" + reconciliation.group(1);
    }
    return "msg_" + UUID.randomUUID();
  }
}
