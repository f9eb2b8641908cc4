package io.notifier.pay.notification;

import io.notifier.activities.signing.WebhookSecrets;
import io.notifier.web.settings.InvalidSetting;
import io.notifier.workflows.operator.OperatorEventSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where operator events go ({@code notify.operator-events.*}, or {@code NOTIFY_OPERATOR_EVENTS_URL}
 * and the others): none are sent without a URL. With one, they are signed with secrets of their
 * own, never the notifications': an operator's endpoint that could verify a notification could also
 * forge one.
 *
 * @param url the operator's endpoint, posted to exactly as written
 * @param secrets {@code whsec_<base64>}, comma-separated; required with a URL
 * @param window how long an event is retried before it is given up
 * @param recoveredPeriod at most one {@code receiver.recovered} per period of this length
 */
@ConfigurationProperties("notify.operator-events")
public record OperatorEventProperties(
    URI url,
    List<String> secrets,
    @DefaultValue("3d") Duration window,
    @DefaultValue("10m") Duration recoveredPeriod) {

  public OperatorEventProperties {
    if (url != null && url.toString().isBlank()) {
      url = null; // NOTIFY_OPERATOR_EVENTS_URL set to nothing: no events
    }
    if (url != null) {
      if (url.getScheme() == null || url.getHost() == null) {
        throw new InvalidSetting(
            "NOTIFY_OPERATOR_EVENTS_URL (notify.operator-events.url) must be an absolute URL, such"
                + " as https://ops.example.com/notifier-events");
      }
      try {
        secrets = WebhookSecrets.check(secrets);
      } catch (IllegalArgumentException unusable) {
        throw new InvalidSetting(
            "NOTIFY_OPERATOR_EVENTS_SECRETS (notify.operator-events.secrets): "
                + unusable.getMessage()
                + "; operator events are signed with secrets of their own, whsec_…,"
                + " comma-separated");
      }
    }
    if (!window.isPositive() || !recoveredPeriod.isPositive()) {
      throw new InvalidSetting(
          "notify.operator-events.window and notify.operator-events.recovered-period must be"
              + " positive");
    }
  }

  /** Whether events are sent: a URL is configured. */
  public boolean enabled() {
    return url != null;
  }

  /** What the notification workflow reads at each event. */
  public OperatorEventSettings settings() {
    return new OperatorEventSettings(enabled(), window, recoveredPeriod);
  }
}
