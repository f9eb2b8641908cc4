package io.notifier.testing;

import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.testing.StubHttpServer.Received;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for account-api over real HTTP, optionally under a base path (as behind a gateway),
 * with the answers account-api documents and the ones a gateway in between gives. No logic of the
 * notifier's: only what the other side says, its problem types written out as on the wire.
 */
public final class AccountApiStub implements AutoCloseable {

  private static final Pattern TX_NO = Pattern.compile("\"txNo\":\"([^\"]+)\"");
  private static final String PROBLEMS = "https://notifier.example/problems/";

  private final StubHttpServer server = StubHttpServer.start();
  private final String basePath;

  private AccountApiStub(String basePath) {
    this.basePath = basePath;
  }

  public static AccountApiStub start() {
    return new AccountApiStub("");
  }

  /** account-api as a gateway routes it, under {@code basePath} ("/account-api"). */
  public static AccountApiStub under(String basePath) {
    return new AccountApiStub(basePath);
  }

  /** The base URL the notifier is configured with. */
  public URI baseUrl() {
    return URI.create(server.uri() + basePath);
  }

  public StubHttpServer server() {
    return server;
  }

  public String notificationsPath() {
    return basePath + "/api/notifications";
  }

  public String reconciliationPath(String txNo) {
    return basePath + "/api/reconciliations/" + txNo;
  }

  public void notifications(Function<Received, Answer> answer) {
    server.answer(notificationsPath(), answer);
  }

  public void reconciliation(String txNo, Function<Received, Answer> answer) {
    server.answer(reconciliationPath(txNo), answer);
  }

  /** How pay-api's account check about {@code accountNo} is answered. */
  public void account(String accountNo, Function<Received, Answer> answer) {
    server.answer(basePath + "/api/accounts/" + accountNo, answer);
  }

  public List<Received> accountChecks(String accountNo) {
    return server.received("HEAD", basePath + "/api/accounts/" + accountNo);
  }

  public List<Received> notificationsReceived() {
    return server.received("POST", notificationsPath());
  }

  public List<Received> reconciliationsReceived(String txNo) {
    return server.received("POST", reconciliationPath(txNo));
  }

  public void down() {
    server.down();
  }

  public void up() {
    server.up();
  }

  @Override
  public void close() {
    server.close();
  }

  // What account-api answers, as documented.

  /** The acknowledgement of the notification received, naming its txNo. */
  public static Answer acknowledged(Received notification) {
    return new Answer(
        200,
        "{\"status\":\"SUCCESS\",\"txNo\":\"%s\",\"credited\":true}"
            .formatted(txNoOf(notification)));
  }

  /** What account-api found when asked to reconcile. */
  public static Answer reconciled(
      String txNo, String payResult, boolean settled, boolean alreadySettled) {
    return new Answer(
        200,
        "{\"txNo\":\"%s\",\"payResult\":\"%s\",\"settled\":%s,\"alreadySettled\":%s}"
            .formatted(txNo, payResult, settled, alreadySettled));
  }

  /** account-api's own refusal: an account it does not have. */
  public static Answer unknownAccount() {
    return problem(422, "unknown-account", "There is no account 1.");
  }

  /** account-api's own refusal: the txNo credited with another amount. */
  public static Answer settledDifferently() {
    return problem(409, "settled-differently", "tx was settled as 1.00.");
  }

  /** pay-api, asked by account-api, has no such recharge. */
  public static Answer unknownTxNo() {
    return problem(404, "unknown-tx-no", "pay-api knows no recharge tx.");
  }

  public static Answer unavailable() {
    return new Answer(
        503,
        "{\"title\":\"Service Unavailable\",\"status\":503}",
        Map.of("Content-Type", "application/problem+json"));
  }

  /** What a gateway answers on its own: an HTML page, whatever the status. */
  public static Answer gatewayPage(int status) {
    return new Answer(
        status, "<html><body>" + status + " from the gateway</body></html>", htmlHeaders());
  }

  /** account-api's existence answer to pay-api's account check (HEAD): yes. */
  public static Answer accountExists() {
    return new Answer(200, "");
  }

  /** account-api's answer to pay-api's account check: no such account (its own 404). */
  public static Answer noSuchAccount() {
    return problem(404, "unknown-account", "There is no account.");
  }

  private static Answer problem(int status, String type, String detail) {
    return new Answer(
        status,
        "{\"type\":\"%s\",\"title\":\"t\",\"status\":%d,\"detail\":\"%s\"}"
            .formatted(PROBLEMS + type, status, detail),
        Map.of("Content-Type", "application/problem+json"));
  }

  private static Map<String, String> htmlHeaders() {
    return Map.of("Content-Type", "text/html");
  }

  private static String txNoOf(Received notification) {
    Matcher txNo = TX_NO.matcher(notification.body());
    return txNo.find() ? txNo.group(1) : "";
  }
}
