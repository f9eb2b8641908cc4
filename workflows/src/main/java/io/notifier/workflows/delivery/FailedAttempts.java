package io.notifier.workflows.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest failed attempts of one delivery, oldest first, as each failing attempt leaves them in
 * its heartbeat details and in its failure's details.
 */
public record FailedAttempts(List<FailedAttempt> recent) {

  /** How many failed attempts are kept; their count is the last one's number. */
  public static final int KEPT = 20;

  public static final FailedAttempts NONE = new FailedAttempts(List.of());

  public FailedAttempts {
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  /** These, and {@code failure} after them, keeping the latest {@link #KEPT}. */
  public FailedAttempts and(FailedAttempt failure) {
    List<FailedAttempt> next = new ArrayList<>(recent);
    next.add(failure);
    return new FailedAttempts(next.subList(Math.max(0, next.size() - KEPT), next.size()));
  }

  /** The number of the latest failed attempt: how many attempts failed, or 0. */
  public int count() {
    return recent.isEmpty() ? 0 : recent.getLast().attempt();
  }
}
