package io.notifier.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeTest {

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204})
  void twoHundredsAreSuccess(int status) {
    assertThat(Outcome.ofStatus(status)).isEqualTo(Outcome.SUCCESS);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 409, 422})
  void onlyBusinessRejectionsAreRejections(int status) {
    assertThat(Outcome.ofStatus(status)).isEqualTo(Outcome.REJECTED);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {500, 502, 503, 504, 408, 429, 401, 403, 404, 405, 410, 413, 415, 418, 301, 302, 100})
  void everythingElseIsRetriedOnTheSchedule(int status) {
    assertThat(Outcome.ofStatus(status)).isEqualTo(Outcome.RETRYABLE);
  }
}
