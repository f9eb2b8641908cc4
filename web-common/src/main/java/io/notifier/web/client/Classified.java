package io.notifier.web.client;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What an answer from another service means for the step that asked: the one rule by which every
 * call between the services reads its answers.
 *
 * <ul>
 *   <li>{@link Kind#TAKEN}: the documented answer of success, read into its value;
 *   <li>{@link Kind#REFUSED}: an explicit business answer that ends the step (the other service's
 *       own problem+json, of a status or type the caller documents);
 *   <li>{@link Kind#TRANSIENT}: everything else — no answer at all, 404, 408, 429, 5xx, a 2xx whose
 *       body is not the documented one, an HTML page from a gateway: tried again later.
 * </ul>
 *
 * @param <T> what a taken answer reads as
 */
public record Classified<T>(Kind kind, T value, Answer answer) {

  public enum Kind {
    TAKEN,
    REFUSED,
    TRANSIENT
  }

  /**
   * @param taken the documented answer of success, read; empty when the answer is not one
   * @param refused whether the answer is one of the caller's documented refusals
   */
  public static <T> Classified<T> of(
      Answer answer, Function<Answer, Optional<T>> taken, Predicate<Answer> refused) {
    Optional<T> value = taken.apply(answer);
    if (value.isPresent()) {
      return new Classified<>(Kind.TAKEN, value.get(), answer);
    }
    if (refused.test(answer)) {
      return new Classified<>(Kind.REFUSED, null, answer);
    }
    return new Classified<>(Kind.TRANSIENT, null, answer);
  }

  public boolean taken() {
    return kind == Kind.TAKEN;
  }

  public boolean refused() {
    return kind == Kind.REFUSED;
  }

  /**
   * What anyone may read of the answer: "account-api answered HTTP 503", and for a success that was
   * not the documented answer, says so ("… HTTP 200 without the documented {@code what}").
   */
  public String summary(String what) {
    return kind == Kind.TRANSIENT && answer.isSuccess()
        ? answer.summary() + " without the documented " + what
        : answer.summary();
  }
}
