package io.notifier.system;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Keeps what the person would have seen when a browser test fails: a screenshot of the page, in the
 * test's screenshot folder, named {@code failure}. Registered as a field, with the test's browser,
 * which may not be open yet.
 */
final class ScreenshotOnFailure implements TestWatcher {

  private final Supplier<Browser> browser;

  ScreenshotOnFailure(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Browser open = browser.get();
    if (open != null) {
      open.screenshot("failure");
    }
  }
}
