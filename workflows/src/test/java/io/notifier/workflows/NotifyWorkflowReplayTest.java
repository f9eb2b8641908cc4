package io.notifier.workflows;

import io.notifier.workflows.legacy.NotifyWorkflowV1Impl;
import io.notifier.workflows.legacy.NotifyWorkflowV2Impl;
import io.notifier.workflows.operator.OperatorEventWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories recorded from earlier versions of the workflow must replay on today's code: that is
 * what lets notifications that are already running (some for a day or more) survive a deploy.
 *
 * <p>v1: each failed attempt signalled its workflow ({@code deliveryAttemptFailed}); a {@code
 * reconcile} signal went on without waiting for the cancelled delivery. v2: failed attempts add
 * nothing to the history; a reconcile signal waits for the cancelled delivery and its attempts. v3:
 * a rejected notification is reconciled rather than FAILED, and reconciliation has a limit. These
 * three are the type NotifyWorkflow, run by its frozen implementation. v4: the type
 * NotifyWorkflowV2, whose first attempt is a local activity in the first workflow task, run by its
 * own. v5: the type NotifyWorkflowV3, which writes its outcome into pay-api before it completes and
 * waits for an operator where the others ended FAILED (recorded by activities' RecordHistories).
 * v6: the same type with operator events on, each a child workflow behind {@code
 * Workflow.getVersion("operator-events")}; the v5 histories, which have no version marker, replay
 * through the path without events.
 */
class NotifyWorkflowReplayTest {

  /** What RecordHistories records of NotifyWorkflowV3, in v5 and in v6 alike. */
  static Stream<String> scenariosOfTheCurrentType() {
    return Stream.of(
        "delivered-at-once",
        "delivered-after-retries",
        "rejected-then-reconciled",
        "reconciled-by-timer",
        "reconciled-by-signal",
        "needs-attention-then-retried",
        "needs-attention-then-reconciled",
        "needs-attention-then-closed",
        "closed-while-notifying",
        "reconciliation-gave-up-then-closed");
  }

  @ParameterizedTest(name = "v1 {0}")
  @ValueSource(
      strings = {
        "delivered-at-once",
        "delivered-after-retries",
        "rejected",
        "reconciled-by-timer",
        "reconciled-by-signal"
      })
  void historiesOfTheSignallingVersionReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v1/" + scenario + ".json", NotifyWorkflowV1Impl.class);
  }

  @ParameterizedTest(name = "v2 {0}")
  @ValueSource(
      strings = {
        "delivered-at-once",
        "delivered-after-retries",
        "rejected",
        "reconciled-by-timer",
        "reconciled-by-signal",
        "delivered-while-reconcile-was-requested"
      })
  void historiesOfTheQuietVersionReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v2/" + scenario + ".json", NotifyWorkflowV1Impl.class);
  }

  @ParameterizedTest(name = "v3 {0}")
  @ValueSource(
      strings = {
        "delivered-at-once",
        "delivered-after-retries",
        "rejected",
        "reconciled-by-timer",
        "reconciled-by-signal",
        "delivered-while-reconcile-was-requested",
        "reconciliation-gave-up"
      })
  void historiesOfTheReconcilingRejectionVersionReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v3/" + scenario + ".json", NotifyWorkflowV1Impl.class);
  }

  @ParameterizedTest(name = "v4 {0}")
  @ValueSource(
      strings = {
        "delivered-at-once",
        "delivered-after-retries",
        "rejected",
        "reconciled-by-timer",
        "reconciled-by-signal",
        "delivered-while-reconcile-was-requested",
        "reconciliation-gave-up"
      })
  void historiesOfTheFirstAttemptInTheWorkflowTaskVersionReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v4/" + scenario + ".json", NotifyWorkflowV2Impl.class);
  }

  @ParameterizedTest(name = "v5 {0}")
  @MethodSource("scenariosOfTheCurrentType")
  void historiesOfTheVersionThatOwnsItsOutcomeReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v5/" + scenario + ".json", NotifyWorkflowImpl.class);
  }

  @ParameterizedTest(name = "v6 {0}")
  @MethodSource("scenariosOfTheCurrentType")
  void historiesOfTheVersionThatTellsTheOperatorReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v6/" + scenario + ".json", NotifyWorkflowImpl.class);
  }

  @ParameterizedTest(name = "OperatorEvent {0}")
  @ValueSource(
      strings = {
        "delivered-after-retries-1",
        "rejected-then-reconciled-1",
        "reconciled-by-timer-1",
        "reconciled-by-signal-1",
        "needs-attention-then-retried-1",
        "needs-attention-then-retried-2",
        "needs-attention-then-reconciled-1",
        "needs-attention-then-reconciled-2",
        "needs-attention-then-closed-1",
        "reconciliation-gave-up-then-closed-1"
      })
  void historiesOfTheOperatorEventWorkflowReplay(String scenario) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/v6/operator-events/" + scenario + ".json", OperatorEventWorkflowImpl.class);
  }
}
