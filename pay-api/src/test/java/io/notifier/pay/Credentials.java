package io.notifier.pay;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the tests' callers present: the keys and the signing secret of application-test.yml. */
public final class Credentials {

  /** The secret the notifier signs with in tests. */
  public static final String SECRET = "whsec_C0HWwNgVwYjtbLVMqZ4xXBhfgJ+tk6dB8ZyhBg5WBKs=";

  /** The client "shop"'s key. */
  public static final String CLIENT_KEY = "test-client-key";

  /** The client "other"'s key. */
  public static final String OTHER_CLIENT_KEY = "other-client-key";

  public static final String QUERY_KEY = "test-query-key";
  public static final String OPERATOR_KEY = "test-operator-key";

  /** What pay-api presents to account-api when it checks an account or asks to reconcile. */
  public static final String ACCOUNT_API_KEY = "test-account-api-key";

  private Credentials() {}

  public static RequestPostProcessor key(String key) {
    return request -> {
      request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key);
      return request;
    };
  }

  /** The client "shop". */
  public static RequestPostProcessor client() {
    return key(CLIENT_KEY);
  }

  public static RequestPostProcessor otherClient() {
    return key(OTHER_CLIENT_KEY);
  }

  public static RequestPostProcessor query() {
    return key(QUERY_KEY);
  }

  public static RequestPostProcessor operator() {
    return key(OPERATOR_KEY);
  }

  /** As a header line, for requests sent over a socket. */
  public static String header(String key) {
    return "Authorization: Bearer " + key;
  }
}
