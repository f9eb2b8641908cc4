package io.notifier.account.reconciliation;

import io.notifier.web.Problems;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The account system's side of the check: asks pay-api what became of a recharge, with the query
 * key pay-api knows account-api by.
 */
@Component
class PayApiClient {

  /** What pay-api's query interface reports. */
  record PayRecharge(String txNo, String accountNo, BigDecimal amount, String result) {}

  private final RestClient http;

  PayApiClient(PayApiProperties properties) {
    JdkClientHttpRequestFactory requestFactory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build());
    requestFactory.setReadTimeout(properties.readTimeout());
    this.http =
        RestClient.builder()
            .baseUrl(properties.url())
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.key())
            .requestFactory(requestFactory)
            .build();
  }

  /** The recharge, or empty when pay-api does not know the txNo. */
  Optional<PayRecharge> findRecharge(String txNo) {
    try {
      return Optional.ofNullable(
          http.get().uri("/api/recharges/{txNo}", txNo).retrieve().body(PayRecharge.class));
    } catch (HttpClientErrorException.NotFound unknown) {
      return Optional.empty();
    } catch (RestClientException e) {
      throw Problems.of(
          HttpStatus.BAD_GATEWAY,
          "pay-api unavailable",
          "Could not query pay-api for " + txNo + ": " + e.getMessage());
    }
  }
}
