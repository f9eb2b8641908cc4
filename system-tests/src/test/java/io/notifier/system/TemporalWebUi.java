package io.notifier.system;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The Temporal Web UI (2.54.1, served by the CLI's dev server) as a person uses it: the workflows
 * of a namespace filtered by a visibility query, one workflow's page and its tabs. It reads what
 * the page shows, not the API behind it. Elements are found by the UI's own {@code data-testid}
 * attributes where it has them, else by the labels a person reads; each reader waits for the page
 * and takes a screenshot of what it read.
 */
final class TemporalWebUi {

  /** How long a page may take to show what is asked of it. */
  static final Duration PAGE = Duration.ofSeconds(20);

  private final Browser browser;
  private final URI base;
  private final String namespace;

  TemporalWebUi(Browser browser, URI base, String namespace) {
    this.browser = browser;
    this.base = base;
    this.namespace = namespace;
  }

  /** One row of the workflows list, by the list's column headings (Status, Workflow ID, ...). */
  record WorkflowRow(Map<String, String> cells) {
    String status() {
      return cells.get("Status");
    }

    String workflowId() {
      return cells.get("Workflow ID");
    }

    String type() {
      return cells.get("Type");
    }
  }

  /** Opens the namespace's workflows list and waits until it shows its table. */
  void openWorkflows() {
    driver().get(base.resolve("/namespaces/%s/workflows".formatted(namespace)).toString());
    browser
        .waitUpTo(PAGE, "the workflows list")
        .until(d -> d.findElement(By.cssSelector("table thead th")).isDisplayed());
  }

  /**
   * Opens the workflows list filtered by a visibility query, the way a person pastes one into the
   * address ({@code /namespaces/default/workflows?query=TxNo%3D%22...%22}), and returns its rows
   * once there are some: until the visibility store has the workflow the list says "No Workflows
   * Found", and the page is reloaded, as a person would.
   */
  List<WorkflowRow> workflows(String query) {
    driver()
        .get(
            base.resolve(
                    "/namespaces/%s/workflows?query=%s"
                        .formatted(namespace, URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .toString());
    List<WorkflowRow> rows =
        browser
            .waitUpTo(PAGE, "workflows matching " + query)
            .pollingEvery(Duration.ofSeconds(1))
            .until(
                d -> {
                  List<WorkflowRow> shown = readWorkflowRows(d);
                  if (!shown.isEmpty()) {
                    return shown;
                  }
                  if (!d.findElements(By.xpath("//*[normalize-space()='No Workflows Found']"))
                      .isEmpty()) {
                    d.navigate().refresh();
                  }
                  return null;
                });
    browser.screenshot("workflows");
    return rows;
  }

  /** The rows of the list with a link each (a row still loading has none), else none. */
  private static List<WorkflowRow> readWorkflowRows(WebDriver d) {
    List<WebElement> rows =
        d.findElements(By.cssSelector("[data-testid=workflows-summary-configurable-table-row]"));
    if (rows.isEmpty()
        || rows.stream().anyMatch(row -> row.findElements(By.tagName("a")).isEmpty())) {
      return List.of();
    }
    List<String> headings =
        d.findElements(By.cssSelector("table thead th")).stream()
            .map(heading -> heading.getText().strip())
            .toList();
    List<WorkflowRow> read = new ArrayList<>();
    for (WebElement row : rows) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      Map<String, String> byHeading = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(headings.size(), cells.size()); i++) {
        if (!headings.get(i).isEmpty()) {
          byHeading.put(headings.get(i), cells.get(i).getText().strip());
        }
      }
      read.add(new WorkflowRow(byHeading));
    }
    return read;
  }

  /** Clicks the workflow's id in the list on the page and waits for the workflow's page. */
  WorkflowPage openWorkflow(String workflowId) {
    By link =
        By.xpath(
            "//tr[@data-testid='workflows-summary-configurable-table-row']//a[normalize-space()='%s']"
                .formatted(workflowId));
    browser
        .waitUpTo(PAGE, "the page of " + workflowId)
        .until(
            d -> {
              if (!d.getCurrentUrl().contains("/workflows/" + workflowId + "/")) {
                d.findElement(link).click(); // again if the list re-rendered under the click
              }
              return d.findElement(By.cssSelector("[data-testid=workflow-id-heading]"))
                  .getText()
                  .contains(workflowId);
            });
    browser.screenshot("workflow");
    return new WorkflowPage(workflowId);
  }

  private WebDriver driver() {
    return browser.driver();
  }

  /** What the "User Metadata" tab shows: the static summary and details, the current details. */
  record UserMetadata(
      String summary, String details, String currentDetails, String currentStatus) {}

  /** A card of the "Pending Activities" tab. */
  record PendingActivity(
      String name, String state, int attempt, String attemptShown, String lastFailure) {}

  /** A row of the "Event History" tab: its type and the fields its details column shows. */
  record HistoryEvent(String id, String type, Map<String, String> fields) {}

  /** One workflow's page: {@code /namespaces/<ns>/workflows/<workflowId>/<runId>/<tab>}. */
  final class WorkflowPage {

    private static final By STATUS = By.cssSelector("[data-testid=execution-status][role=status]");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+)");

    private final String workflowId;

    private WorkflowPage(String workflowId) {
      this.workflowId = workflowId;
    }

    /** The status badge beside the workflow id, as shown: RUNNING, COMPLETED, FAILED, ... */
    String status() {
      return driver().findElement(STATUS).getText().strip();
    }

    /** Waits until the badge shows the status; the page refreshes it by itself. */
    String awaitStatus(String status, Duration within) {
      browser
          .waitUpTo(within, workflowId + " shown as " + status)
          .until(d -> d.findElement(STATUS).getText().strip().equalsIgnoreCase(status));
      browser.screenshot("status-" + status.toLowerCase());
      return status();
    }

    /**
     * Opens "User Metadata" and reads its three panels. Each renders its markdown in an iframe
     * ({@code #user-metadata-summary}, {@code #user-metadata-details}, {@code
     * #user-metadata-current-details}) whose {@code main} holds the text a person reads; the
     * current details' bold part ({@code strong}) is returned as the current status.
     */
    UserMetadata userMetadata() {
      openTab("user-metadata-tab");
      UserMetadata read = readUserMetadata();
      browser.screenshot("user-metadata");
      return read;
    }

    /**
     * Reads "User Metadata" until the current details pass the check, pressing R before each read:
     * the tab asks the workflow for its current details only when R is pressed ("Press the R for
     * freshness"), not by itself.
     */
    UserMetadata awaitCurrentDetails(Predicate<UserMetadata> check, String what, Duration within) {
      openTab("user-metadata-tab");
      UserMetadata[] last = {null};
      browser
          .waitUpTo(within, "current details of " + workflowId + " " + what)
          .pollingEvery(Duration.ofSeconds(1))
          .until(
              d -> {
                new Actions(d).sendKeys("r").perform();
                last[0] = readUserMetadata();
                return check.test(last[0]);
              });
      browser.screenshot("user-metadata");
      return last[0];
    }

    private UserMetadata readUserMetadata() {
      String summary = inFrame("user-metadata-summary", main -> main.getText().strip());
      String details = inFrame("user-metadata-details", main -> main.getText().strip());
      List<String> current =
          inFrame(
              "user-metadata-current-details",
              main ->
                  List.of(
                      main.getText().strip(),
                      main.findElements(By.tagName("strong")).stream()
                          .map(bold -> bold.getText().strip())
                          .findFirst()
                          .orElse("")));
      return new UserMetadata(summary, details, current.get(0), current.get(1));
    }

    /**
     * Reads the rendered markdown in the iframe with the id: its {@code main}, once it has text.
     */
    private <T> T inFrame(String frameId, Function<WebElement, T> reader) {
      return browser
          .waitUpTo(PAGE, "the text in #" + frameId)
          .until(
              d -> {
                try {
                  d.switchTo().frame(d.findElement(By.id(frameId)));
                  WebElement main = d.findElement(By.tagName("main"));
                  return main.getText().isBlank() ? null : reader.apply(main);
                } finally {
                  d.switchTo().defaultContent();
                }
              });
    }

    /**
     * Opens "Pending Activities" and reads the card of the named activity: its state badge, the
     * "Attempt" row ("3 / Unlimited": the attempt now scheduled or running, counted from 1) and the
     * "Last Failure" JSON (a read-only CodeMirror labelled "Last Failure"). The tab refreshes
     * itself; this waits until the check passes.
     */
    PendingActivity awaitPendingActivity(
        String name, Predicate<PendingActivity> check, String what, Duration within) {
      openTab("pending-activities-tab");
      PendingActivity[] last = {null};
      browser
          .waitUpTo(within, "pending activity " + name + " of " + workflowId + " " + what)
          .until(
              d -> {
                last[0] = readPendingActivity(d, name);
                return check.test(last[0]);
              });
      browser.screenshot("pending-activities");
      return last[0];
    }

    private PendingActivity readPendingActivity(WebDriver d, String name) {
      WebElement card =
          d.findElement(
              By.xpath(
                  "//h4[normalize-space()='%s']/ancestor::div[.//p[normalize-space()='Attempt']][1]"
                      .formatted(name)));
      String state = card.findElement(By.cssSelector("[data-testid=execution-status]")).getText();
      String attemptShown = valueOf(card, "Attempt");
      Matcher number = LEADING_NUMBER.matcher(attemptShown);
      int attempt = number.find() ? Integer.parseInt(number.group(1)) : 0;
      String lastFailure =
          card.findElements(By.cssSelector("[role=textbox][aria-label='Last Failure']")).stream()
              .map(WebElement::getText)
              .findFirst()
              .orElse("");
      return new PendingActivity(name, state.strip(), attempt, attemptShown, lastFailure);
    }

    /** The value beside a label in the "label / value" rows of a card. */
    private String valueOf(WebElement card, String label) {
      return card.findElement(
              By.xpath(".//p[normalize-space()='%s']/following-sibling::p[1]".formatted(label)))
          .getText()
          .replace('\n', ' ')
          .strip();
    }

    /**
     * Opens "Event History" and reads its rows ({@code tr[data-testid=event-summary-row]}, newest
     * first; a pending activity is a {@code pending-activity-summary-row} on top): the event type
     * and the "name value" pairs of the details column, e.g. Activity Type = Deliver, Summary = the
     * activity's summary.
     */
    List<HistoryEvent> history() {
      openTab("history-tab");
      List<HistoryEvent> events =
          browser
              .waitUpTo(PAGE, "the event history of " + workflowId)
              .until(
                  d -> {
                    List<HistoryEvent> shown = readHistory(d);
                    return shown.isEmpty() ? null : shown;
                  });
      // In the window: the first activity's scheduling, with its summary, else the oldest event.
      HistoryEvent first =
          events.reversed().stream()
              .filter(event -> event.type().equals("Activity Task Scheduled"))
              .findFirst()
              .orElse(events.getLast());
      browser.scrollIntoView(
          driver()
              .findElement(
                  By.cssSelector(
                      "tr[data-testid=event-summary-row][data-eventid='%s']"
                          .formatted(first.id()))),
          "center");
      browser.screenshot("history");
      return events;
    }

    private static List<HistoryEvent> readHistory(WebDriver d) {
      List<HistoryEvent> events = new ArrayList<>();
      for (WebElement row : d.findElements(By.cssSelector("tr[data-testid=event-summary-row]"))) {
        List<WebElement> cells = row.findElements(By.tagName("td"));
        String type = cells.get(cells.size() - 2).getText().strip();
        Map<String, String> fields = new LinkedHashMap<>();
        for (WebElement label : cells.getLast().findElements(By.tagName("p"))) {
          List<WebElement> value = label.findElements(By.xpath("following-sibling::span[1]"));
          if (!value.isEmpty()) {
            fields.put(label.getText().strip(), value.getFirst().getText().strip());
          }
        }
        events.add(new HistoryEvent(row.getDomAttribute("data-eventid"), type, fields));
      }
      return events;
    }

    private void openTab(String testId) {
      By tab = By.cssSelector("[data-testid=%s]".formatted(testId));
      String path = URI.create(driver().findElement(tab).getDomAttribute("href")).getPath();
      driver().findElement(tab).click();
      browser
          .waitUpTo(PAGE, testId + " of " + workflowId)
          .until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
    }
  }
}
