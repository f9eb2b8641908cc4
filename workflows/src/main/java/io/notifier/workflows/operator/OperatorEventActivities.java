package io.notifier.workflows.operator;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the worker does for operator events: say how they are configured, and send one. */
@ActivityInterface
public interface OperatorEventActivities {

  /** Today's configuration; a local activity, at each event. */
  @ActivityMethod(name = "OperatorEventSettings")
  OperatorEventSettings settings();

  /**
   * Posts {@code event}, signed, to the operator URL; fails, to be retried, unless the answer is a
   * 2xx. An event whose URL was removed since is dropped, with a log line.
   */
  @ActivityMethod(name = "SendOperatorEvent")
  void send(OperatorEvent event);
}
