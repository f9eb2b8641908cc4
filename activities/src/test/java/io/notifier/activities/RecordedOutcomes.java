package io.notifier.activities;

import io.notifier.workflows.outcome.NotificationOutcome;
import io.notifier.workflows.outcome.OutcomeActivities;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** pay-api's account_pay, as far as the workflow's last activity writes it: kept in a list. */
public final class RecordedOutcomes implements OutcomeActivities {

  private final List<NotificationOutcome> recorded = new CopyOnWriteArrayList<>();

  @Override
  public void recordOutcome(NotificationOutcome outcome) {
    recorded.add(outcome);
  }

  public List<NotificationOutcome> of(String txNo) {
    return recorded.stream().filter(outcome -> outcome.txNo().equals(txNo)).toList();
  }

  public Optional<NotificationOutcome> last(String txNo) {
    List<NotificationOutcome> outcomes = of(txNo);
    return outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes.getLast());
  }
}
