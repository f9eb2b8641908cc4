package io.notifier.pay.notification;

import io.notifier.web.settings.InvalidSetting;
import io.notifier.workflows.Durations;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.RetrySchedule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notifier's configuration ({@code notify.*}, or environment variables such as {@code
 * NOTIFY_RETRY_INTERVALS=2s,4s,8s}), and the only place its defaults are written. Schedule, window,
 * timeouts and reconciliation go into each new workflow's input; running notifications keep the
 * policy they started with.
 *
 * @param taskQueue the Temporal task queue of the notifier's worker
 * @param window how long delivery is attempted
 * @param attemptTimeout how long one delivery or reconciliation attempt may take (StartToClose)
 * @param firstAttemptTimeout how long the first attempt, made inside the workflow's first task, may
 *     take: it holds a workflow-task slot meanwhile, so a receiver that hangs is left to the
 *     server's retries, which hold none
 * @param accountApi the account system's base URL (a path in it is kept): notifications,
 *     reconciliations and account checks go there
 * @param accountApiKey pay-api's API key at account-api ({@code ACCOUNT_API_KEY}, one of
 *     account-api's {@code ACCOUNT_API_PAY_API_KEYS}): for the account check and reconciliation
 *     requests; notifications are signed instead
 * @param webUi the Temporal Web UI, for links to each notification's story; none when absent
 */
@ConfigurationProperties("notify")
public record NotifyProperties(
    @DefaultValue("notify") String taskQueue,
    @DefaultValue Retry retry,
    @DefaultValue("24h") Duration window,
    @DefaultValue Reconcile reconcile,
    @DefaultValue("30s") Duration attemptTimeout,
    @DefaultValue("2s") Duration firstAttemptTimeout,
    @DefaultValue Http http,
    @DefaultValue("http://127.0.0.1:8082") URI accountApi,
    String accountApiKey,
    @DefaultValue Relay relay,
    @DefaultValue Sweep sweep,
    URI webUi) {

  /**
   * @param intervals the escalating delays between attempts, from one attempt's start to the
   *     next's; the last one repeats
   */
  public record Retry(@DefaultValue("1m,5m,10m,30m,1h,2h,5h,10h") List<Duration> intervals) {}

  /**
   * @param after how long after the window closes reconciliation starts by itself
   * @param limit how long reconciliation keeps retrying (account-api or pay-api down) before the
   *     notification needs an operator's attention
   */
  public record Reconcile(@DefaultValue("1h") Duration after, @DefaultValue("7d") Duration limit) {}

  /**
   * The HTTP client's timeouts for notifications and reconciliations; together they must stay below
   * the attempt timeout. A reconciliation is one call to account-api, which makes its own call to
   * pay-api inside it, within account-api's shorter {@code pay-api.*-timeout}s.
   */
  public record Http(
      @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout) {}

  /**
   * @param interval how often the relay looks for recharges whose notification did not start
   * @param grace how old such a recharge must be, so the relay does not race a request in flight
   * @param batchSize how many it starts per round
   */
  public record Relay(
      @DefaultValue("5s") Duration interval,
      @DefaultValue("10s") Duration grace,
      @DefaultValue("100") int batchSize) {}

  /**
   * @param interval how often the sweeper looks for notifications whose run vanished or was closed
   *     by hand in Temporal
   * @param grace how long after its start a notification is first looked at
   * @param recheck how long before the sweeper looks again at one still running
   * @param batchSize how many it looks at per round
   */
  public record Sweep(
      @DefaultValue("1m") Duration interval,
      @DefaultValue("10m") Duration grace,
      @DefaultValue("10m") Duration recheck,
      @DefaultValue("100") int batchSize) {}

  public NotifyProperties {
    // An attempt that Temporal times out carries no retry delay, and the schedule would fall back
    // to exponential backoff; the HTTP call must give up first.
    if (http.connectTimeout().plus(http.requestTimeout()).compareTo(attemptTimeout) >= 0) {
      throw new InvalidSetting(
          "notify.http.connect-timeout + notify.http.request-timeout ("
              + Durations.format(http.connectTimeout().plus(http.requestTimeout()))
              + ") must be shorter than notify.attempt-timeout ("
              + Durations.format(attemptTimeout)
              + ")");
    }
    if (accountApiKey == null || accountApiKey.isBlank()) {
      throw new InvalidSetting(
          "no key for account-api: set ACCOUNT_API_KEY (notify.account-api-key) to one of"
              + " account-api's ACCOUNT_API_PAY_API_KEYS");
    }
    policyOf(retry, window, reconcile, attemptTimeout, firstAttemptTimeout);
  }

  /** The policy new notifications start with; checked at start-up. */
  public NotifyPolicy policy() {
    return policyOf(retry, window, reconcile, attemptTimeout, firstAttemptTimeout);
  }

  private static NotifyPolicy policyOf(
      Retry retry,
      Duration window,
      Reconcile reconcile,
      Duration attemptTimeout,
      Duration firstAttemptTimeout) {
    try {
      return new NotifyPolicy(
          new RetrySchedule(retry.intervals()),
          window,
          reconcile.after(),
          attemptTimeout,
          reconcile.limit(),
          firstAttemptTimeout);
    } catch (IllegalArgumentException impossible) {
      throw new InvalidSetting(
          "The notifier's settings (notify.retry.intervals, notify.window, notify.reconcile.*,"
              + " notify.attempt-timeout, notify.first-attempt-timeout) are impossible: "
              + impossible.getMessage(),
          impossible);
    }
  }
}
