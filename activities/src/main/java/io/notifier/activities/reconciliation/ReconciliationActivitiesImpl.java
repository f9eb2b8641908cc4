package io.notifier.activities.reconciliation;

import io.notifier.activities.http.HttpCallFailed;
import io.notifier.activities.http.JsonHttp;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationFailures;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Asks account-api to reconcile ({@code POST /api/reconciliations/{txNo}}): account-api queries
 * pay-api's interface and settles a paid recharge once, recorded as a reconciliation. Its
 * de-duplication makes a reconciliation racing a late delivery credit the account once.
 */
public final class ReconciliationActivitiesImpl implements ReconciliationActivities {

  private final JsonHttp http;
  private final URI accountApi;

  /**
   * @param accountApi account-api's base URL, such as http://127.0.0.1:8082
   */
  public ReconciliationActivitiesImpl(JsonHttp http, URI accountApi) {
    this.http = http;
    this.accountApi = accountApi;
  }

  @Override
  public ReconciliationResult reconcile(String txNo) {
    URI uri =
        accountApi.resolve(
            "/api/reconciliations/" + URLEncoder.encode(txNo, StandardCharsets.UTF_8));
    JsonHttp.Response response;
    try {
      response = http.post(uri);
    } catch (HttpCallFailed e) {
      throw failure(ReconciliationFailures.RECONCILIATION_FAILED, e.getMessage(), false);
    }
    if (response.status() == 404) {
      // account-api asked pay-api, which does not know the txNo.
      return new ReconciliationResult(txNo, ReconciliationResult.UNKNOWN, false, false);
    }
    return switch (response.outcome()) {
      case SUCCESS -> http.read(response, ReconciliationResult.class);
      case REJECTED ->
          throw failure(ReconciliationFailures.RECONCILIATION_REJECTED, response.describe(), true);
      case RETRYABLE ->
          throw failure(ReconciliationFailures.RECONCILIATION_FAILED, response.describe(), false);
    };
  }

  private static ApplicationFailure failure(String type, String message, boolean nonRetryable) {
    return ApplicationFailure.newBuilder()
        .setType(type)
        .setMessage(message)
        .setNonRetryable(nonRetryable)
        .build();
  }
}
