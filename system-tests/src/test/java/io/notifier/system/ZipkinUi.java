package io.notifier.system;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Zipkin's UI (Lens, 3.6.1, served by scripts/trace-ui.sh) as a person uses it: the search page
 * given a tag query in its address, a trace's page with its waterfall. It reads what the page
 * shows, not the API behind it; each reader waits for the page and takes a screenshot.
 */
final class ZipkinUi {

  /** How long a page may take to show what is asked of it. */
  static final Duration PAGE = Duration.ofSeconds(20);

  private final Browser browser;
  private final URI base;

  ZipkinUi(Browser browser, URI base) {
    this.browser = browser;
    this.base = base;
  }

  /** A row of a trace's waterfall: the service, the span's name, and whether it shows an error. */
  record SpanRow(String service, String name, boolean error) {}

  /**
   * Opens the search page with a tag query in its address ({@code ?annotationQuery=txNo%3D...}),
   * which fills in the search bar, presses Run Query, and clicks Show on the one trace found whose
   * root is {@code root} ({@code <service>: <span name>}): other traces may carry the tag too.
   */
  TracePage findByTag(String tagQuery, String root) {
    driver().get(base + "?annotationQuery=" + URLEncoder.encode(tagQuery, StandardCharsets.UTF_8));
    By runQuery = By.xpath("//button[normalize-space()='Run Query']");
    browser
        .waitUpTo(PAGE, "the search bar with " + tagQuery)
        .until(d -> d.findElement(runQuery).isDisplayed());
    driver().findElement(runQuery).click();
    By show =
        By.xpath(
            "//tr[.//*[normalize-space()='%s']]//a[normalize-space()='Show' and contains(@href, 'traces/')]"
                .formatted(root));
    List<WebElement> found =
        browser
            .waitUpTo(PAGE, "the traces with " + tagQuery + " whose root is " + root)
            .until(d -> d.findElements(show).isEmpty() ? null : d.findElements(show));
    browser.screenshot("search");
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " traces with " + tagQuery + " whose root is " + root + ", one expected");
    }
    found.getFirst().click();
    browser
        .waitUpTo(PAGE, "the trace's waterfall")
        .until(d -> d.getCurrentUrl().contains("/traces/") && !labels(d).isEmpty());
    return new TracePage();
  }

  private WebDriver driver() {
    return browser.driver();
  }

  /**
   * The waterfall's row labels, {@code <service>: <span name>}: Lens marks them with no attribute
   * of their own, so they are read as what a person reads, the leaf texts naming the services.
   */
  private static List<WebElement> labels(WebDriver d) {
    return d.findElements(
        By.xpath(
            "//div[not(*) and (starts-with(normalize-space(), 'pay-api: ')"
                + " or starts-with(normalize-space(), 'account-api: '))]"));
  }

  /** A trace's page: {@code /zipkin/traces/<traceId>}. */
  final class TracePage {

    String traceId() {
      String url = driver().getCurrentUrl();
      return url.substring(url.lastIndexOf("/traces/") + "/traces/".length())
          .replaceAll("[?#].*", "");
    }

    /**
     * The waterfall's rows, top to bottom, as shown: each label's text, and whether the red error
     * icon stands beside it (Lens shows it for a span with the tag {@code error}).
     */
    List<SpanRow> spans() {
      return labels(driver()).stream()
          .map(
              label -> {
                String[] text = label.getText().strip().split(": ", 2);
                boolean error =
                    !label
                        .findElements(
                            By.xpath("../*[name()='svg' and contains(@class, 'colorError')]"))
                        .isEmpty();
                return new SpanRow(text[0], text[1], error);
              })
          .toList();
    }
  }
}
