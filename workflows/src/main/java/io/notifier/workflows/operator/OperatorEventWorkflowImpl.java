package io.notifier.workflows.operator;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Retries the event every few seconds at first, then every ten minutes, within its window. */
public class OperatorEventWorkflowImpl implements OperatorEventWorkflow {

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(10))
          .build();

  @Override
  public void send(OperatorEvent event, Duration window) {
    OperatorEventActivities activities =
        Workflow.newActivityStub(
            OperatorEventActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(window)
                .setRetryOptions(RETRY)
                .setSummary("Send " + event.type() + " to the operator URL")
                .build());
    activities.send(event);
  }
}
