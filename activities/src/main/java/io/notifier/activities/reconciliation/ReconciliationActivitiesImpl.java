package io.notifier.activities.reconciliation;

import io.notifier.activities.RechargeNotification;
import io.notifier.activities.http.HttpCallFailed;
import io.notifier.activities.http.JsonHttp;
import io.notifier.activities.http.Outcome;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Queries pay-api's check interface ({@code GET /api/recharges/{txNo}}) and, for a paid recharge,
 * settles through account-api's notification endpoint, whose de-duplication makes a settlement
 * racing a late delivery credit the account once.
 */
public final class ReconciliationActivitiesImpl implements ReconciliationActivities {

  private final JsonHttp http;
  private final URI payApi;
  private final URI notificationsUri;

  /**
   * @param payApi pay-api's base URL, such as http://127.0.0.1:8081
   * @param notificationsUri account-api's notification endpoint
   */
  public ReconciliationActivitiesImpl(JsonHttp http, URI payApi, URI notificationsUri) {
    this.http = http;
    this.payApi = payApi;
    this.notificationsUri = notificationsUri;
  }

  @Override
  public ReconciliationResult reconcile(String txNo) {
    URI rechargeUri =
        payApi.resolve("/api/recharges/" + URLEncoder.encode(txNo, StandardCharsets.UTF_8));
    JsonHttp.Response query = call(() -> http.get(rechargeUri));
    if (query.status() == 404) {
      return new ReconciliationResult(txNo, ReconciliationResult.UNKNOWN, false, false);
    }
    requireSuccess(query, "pay-api's query");
    RechargeNotification recharge = http.read(query, RechargeNotification.class);
    if (!recharge.paid()) {
      return new ReconciliationResult(txNo, recharge.result(), false, false);
    }
    JsonHttp.Response settlement = call(() -> http.post(notificationsUri, recharge));
    requireSuccess(settlement, "account-api's settlement");
    boolean credited = http.read(settlement, Acknowledgement.class).credited();
    return new ReconciliationResult(txNo, recharge.result(), credited, !credited);
  }

  private static JsonHttp.Response call(Supplier<JsonHttp.Response> call) {
    try {
      return call.get();
    } catch (HttpCallFailed e) {
      throw ApplicationFailure.newBuilder()
          .setType(ReconciliationFailures.RECONCILIATION_FAILED)
          .setMessage(e.getMessage())
          .build();
    }
  }

  private static void requireSuccess(JsonHttp.Response response, String what) {
    if (response.outcome() == Outcome.SUCCESS) {
      return;
    }
    boolean permanent = response.outcome() == Outcome.PERMANENT;
    throw ApplicationFailure.newBuilder()
        .setType(
            permanent
                ? ReconciliationFailures.RECONCILIATION_REJECTED
                : ReconciliationFailures.RECONCILIATION_FAILED)
        .setMessage(what + " failed: " + response.describe())
        .setNonRetryable(permanent)
        .build();
  }

  /** The part of account-api's answer that tells a fresh credit from a duplicate. */
  record Acknowledgement(String status, boolean credited) {}
}
