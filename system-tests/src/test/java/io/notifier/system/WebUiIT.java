package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.system.TemporalWebUi.HistoryEvent;
import io.notifier.system.TemporalWebUi.PendingActivity;
import io.notifier.system.TemporalWebUi.UserMetadata;
import io.notifier.system.TemporalWebUi.WorkflowPage;
import io.notifier.system.TemporalWebUi.WorkflowRow;
import io.notifier.testing.MariaDbCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What a person sees of a notification in the Temporal Web UI, on the real stack (the dev server
 * and its UI, MariaDB, the services as processes), through headless Chromium. Screenshots of each
 * step, and of the page at a failure, go to {@code target/screenshots}.
 */
@ExtendWith(MariaDbCheck.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiIT {

  private static final Duration SOON = Duration.ofSeconds(10);

  /**
   * How long the UI may take to show what has happened: it polls the server every few seconds
   * (seen: the badge turned COMPLETED 5 s after the workflow did, on a busy machine).
   */
  private static final Duration UI_CATCHES_UP = Duration.ofSeconds(30);

  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("notify.screenshots", "target/screenshots"));

  private RealStack stack;
  private Browser browser;
  private TemporalWebUi ui;

  @RegisterExtension
  final TestWatcher screenshotOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            browser.screenshot("failure");
          }
        }
      };

  @BeforeAll
  void startTheStackAndTheBrowser() {
    stack =
        new RealStack("webui"); // assigned first, so that @AfterAll stops what a failed start began
    browser =
        Browser.start(SCREENSHOTS, stack.logs.resolve("chromedriver.log")); // fails if missing
    stack.start();
    ui = new TemporalWebUi(browser, stack.webUi(), "default");
    // Loads the UI's scripts once, so that the steps timed against the retry window don't.
    ui.openWorkflows();
  }

  @BeforeEach
  void nameTheScreenshots(TestInfo test) {
    browser.startTest(test.getTestMethod().orElseThrow().getName());
  }

  @AfterAll
  void stopTheBrowserAndTheStack() {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aPersonFindsANotificationByItsTxNoAndSeesItRetryWhileTheReceiverIsDownThenNotified() {
    String amount = "123.45";
    stack.receiverLink.down();
    String txNo;
    WorkflowPage page;
    try {
      txNo = stack.recharge("1", amount);
      String workflowId = "notify-" + txNo;

      List<WorkflowRow> found = ui.workflows("TxNo=\"" + txNo + "\"");
      assertThat(found).hasSize(1);
      assertThat(found.getFirst().workflowId()).isEqualTo(workflowId);
      assertThat(found.getFirst().type()).isEqualTo("NotifyWorkflow");
      assertThat(found.getFirst().status()).isEqualTo("RUNNING");

      page = ui.openWorkflow(workflowId);
      assertThat(page.status()).isEqualTo("RUNNING");

      // Temporal's own record of the retries: the pending Deliver, its attempt and last failure.
      PendingActivity delivering =
          page.awaitPendingActivity(
              "Deliver",
              activity -> activity.attempt() >= 2 && !activity.lastFailure().isEmpty(),
              "at its second attempt, with the first one's failure",
              SOON);
      assertThat(delivering.lastFailure()).contains("/api/notifications");

      UserMetadata notifying = page.userMetadata();
      assertThat(notifying.summary()).isEqualTo("Recharge " + amount + " to account 1");
      assertThat(notifying.details()).contains(txNo);
      assertThat(notifying.currentStatus()).isEqualTo("NOTIFYING");
    } finally {
      stack.receiverLink.up();
    }

    assertThat(page.awaitStatus("COMPLETED", UI_CATCHES_UP)).isEqualTo("COMPLETED");
    UserMetadata notified =
        page.awaitCurrentDetails(
            metadata -> "NOTIFIED".equals(metadata.currentStatus()), "NOTIFIED", UI_CATCHES_UP);
    assertThat(notified.summary()).isEqualTo("Recharge " + amount + " to account 1");

    List<HistoryEvent> history = page.history();
    assertThat(history)
        .filteredOn(event -> event.type().equals("Activity Task Scheduled"))
        .singleElement()
        .satisfies(
            scheduled -> {
              assertThat(scheduled.fields()).containsEntry("Activity Type", "Deliver");
              assertThat(scheduled.fields().get("Summary")).contains(amount);
            });
    assertThat(history)
        .extracting(HistoryEvent::type)
        .contains("Activity Task Completed", "Workflow Execution Completed");
  }
}
