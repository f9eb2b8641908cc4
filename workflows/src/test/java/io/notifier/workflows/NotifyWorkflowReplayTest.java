package io.notifier.workflows;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories recorded from earlier versions of the workflow must replay on today's code: that is
 * what lets notifications that are already running (some for a day or more) survive a deploy.
 */
class NotifyWorkflowReplayTest {

  @ParameterizedTest(name = "v1 {0}")
  @ValueSource(
      strings = {
        "delivered-at-once",
        "delivered-after-retries",
        "rejected",
        "reconciled-by-timer",
        "reconciled-by-signal"
      })
  void recordedHistoriesReplayWithoutNonDeterminism(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v1/" + scenario + ".json", NotifyWorkflowImpl.class);
  }
}
