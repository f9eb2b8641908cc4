package io.notifier.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one rule by which every call between the services reads its answers: only the documented
 * answer is taken, only the other service's own refusal ends the step, everything else is tried
 * again.
 */
class ClassifiedTest {

  private static final URI UNKNOWN_TX_NO =
      URI.create("https://notifier.example/problems/unknown-tx-no");

  @Test
  void theDocumentedAnswerIsTakenAndRead() {
    Classified<String> answer = classify(answer(200, "application/json", "{\"txNo\":\"tx-1\"}"));

    assertThat(answer.kind()).isEqualTo(Classified.Kind.TAKEN);
    assertThat(answer.value()).isEqualTo("tx-1");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {200, 204, 404, 408, 409, 429, 500, 502, 503})
  void aGatewaysOwnPageIsNeverTakenNorARefusal(int status) {
    Classified<String> answer =
        classify(answer(status, "text/html", "<html>" + status + "</html>"));

    assertThat(answer.kind()).isEqualTo(Classified.Kind.TRANSIENT);
  }

  @Test
  void aNotFoundIsARefusalOnlyOfTheProblemTypeThatSaysSo() {
    String unknown = "{\"type\":\"" + UNKNOWN_TX_NO + "\",\"status\":404}";
    String nothingHere = "{\"type\":\"about:blank\",\"status\":404}";

    assertThat(classify(answer(404, "application/problem+json", unknown)).kind())
        .isEqualTo(Classified.Kind.REFUSED);
    assertThat(classify(answer(404, "application/problem+json", nothingHere)).kind())
        .isEqualTo(Classified.Kind.TRANSIENT);
  }

  @Test
  void aSuccessWhoseBodyIsNotTheDocumentedOneIsTriedAgain() {
    assertThat(classify(answer(200, "application/json", "{\"status\":\"ok\"}")).kind())
        .isEqualTo(Classified.Kind.TRANSIENT);
    assertThat(classify(answer(200, "application/json", "not json")).kind())
        .isEqualTo(Classified.Kind.TRANSIENT);
  }

  @Test
  void whatAnyoneReadsOfAnAnswerNamesNoAddressNorBody() {
    Answer answer = answer(503, "application/json", "{\"detail\":\"db at 10.0.0.7 down\"}");

    assertThat(answer.summary()).isEqualTo("account-api answered HTTP 503");
    assertThat(answer.detail())
        .isEqualTo("POST http://10.0.0.5/api/x: HTTP 503: {\"detail\":\"db at 10.0.0.7 down\"}");
  }

  /** A caller that takes 200 with a txNo, and refuses pay-api's unknown-tx-no. */
  private static Classified<String> classify(Answer answer) {
    return Classified.of(
        answer,
        sent ->
            sent.status() == 200
                ? sent.bodyAs(Map.class).map(body -> (String) body.get("txNo"))
                : Optional.empty(),
        sent -> sent.isProblem(404, UNKNOWN_TX_NO));
  }

  private static Answer answer(int status, String contentType, String body) {
    return new Answer(
        "account-api",
        "POST",
        URI.create("http://10.0.0.5/api/x"),
        status,
        HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true),
        body,
        JsonMapper.builder().build());
  }
}
