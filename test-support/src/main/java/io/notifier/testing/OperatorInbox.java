package io.notifier.testing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.testing.StubHttpServer.Received;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator's endpoint for operator events, as an operator would write it: it checks each
 * request's signature with the Standard Webhooks reference library before it believes a word, and
 * keeps what verified. It can fail (500) until told otherwise.
 */
public final class OperatorInbox implements AutoCloseable {

  private static final String PATH = "/ops/notifier-events";

  /** An event that verified: its {@code webhook-id} and its body. */
  public record Event(String id, JsonNode body) {
    public String type() {
      return body.path("type").asString();
    }

    public JsonNode data() {
      return body.path("data");
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The operator events' own secret, made fresh: not the notifications'. */
  private final String secret = TestSecrets.newWebhookSecret();

  private final StubHttpServer server = StubHttpServer.start();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failing = new AtomicBoolean();

  private OperatorInbox() {
    server.answer(PATH, this::receive);
  }

  public static OperatorInbox start() {
    return new OperatorInbox();
  }

  /** The endpoint, as an operator configures it: NOTIFY_OPERATOR_EVENTS_URL. */
  public URI url() {
    return server.uri().resolve(PATH);
  }

  /** The secret it verifies with: NOTIFY_OPERATOR_EVENTS_SECRETS. */
  public String secret() {
    return secret;
  }

  /** Answers 500 to everything until {@code failing} is false again. */
  public void failing(boolean failing) {
    this.failing.set(failing);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<Event> events(String type) {
    return events.stream().filter(event -> event.type().equals(type)).toList();
  }

  /** Requests whose signature did not verify: their reasons. */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  /** Every request that arrived, verified or not, answered or not. */
  public List<Received> received() {
    return server.received();
  }

  private Answer receive(Received request) {
    // The reference library reads the headers by their lower-case names.
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", List.of(String.valueOf(request.header("webhook-id"))),
            "webhook-timestamp", List.of(String.valueOf(request.header("webhook-timestamp"))),
            "webhook-signature", List.of(String.valueOf(request.header("webhook-signature"))));
    try {
      new Webhook(secret).verify(request.body(), headers);
    } catch (WebhookVerificationException e) {
      refused.add(e.getMessage());
      return new Answer(401, "{}");
    }
    if (failing.get()) {
      return new Answer(500, "{}");
    }
    events.add(new Event(request.header("webhook-id"), JSON.readTree(request.body())));
    return new Answer(204, "");
  }

  @Override
  public void close() {
    server.close();
  }
}
