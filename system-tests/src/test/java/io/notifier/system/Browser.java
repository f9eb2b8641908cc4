package io.notifier.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (scripts/chromium.sh installs
 * both; ./test.sh runs it). Nothing is downloaded: the driver's path is given to its service, which
 * makes Selenium skip Selenium Manager, and the browser's binary is given in its options. A missing
 * browser or driver fails the test with what to run, never skips it.
 *
 * <p>It also keeps the screenshots of one test: {@code <dir>/<test>-<nn>-<step>.png}, numbered in
 * the order they were taken.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = binary("CHROMIUM", "/usr/bin/chromium");
  static final Path CHROMEDRIVER = binary("CHROMEDRIVER", "/usr/bin/chromedriver");

  /**
   * Selenium warns that it has no DevTools (CDP) for this Chromium's version; these tests use no
   * DevTools. Kept in a field: java.util.logging holds its loggers only weakly.
   */
  private static final Logger DEVTOOLS_LOGGER = quieter("org.openqa.selenium.devtools");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;
  private final Thread quitOnExit = new Thread(this::quit, "quit-chromium");
  private String test = "browser";
  private int step;

  private Browser(
      ChromeDriverService service, ChromeDriver driver, Path profile, Path screenshots) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
    Runtime.getRuntime().addShutdownHook(quitOnExit);
  }

  /** Starts chromedriver and a headless Chromium with a fresh profile; the driver logs to log. */
  static Browser start(Path screenshots, Path log) {
    for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            binary
                + " is missing: the browser tests drive Debian's Chromium through its chromedriver."
                + " Install both with scripts/chromium.sh ensure (./test.sh does), or point the"
                + " environment variables CHROMIUM and CHROMEDRIVER at them.");
      }
    }
    Path profile;
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(screenshots);
      profile = Files.createTempDirectory("notifier-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(log.toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        // As root and in containers Chromium's sandbox cannot start; /dev/shm may be tiny.
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        // The machine reaches no Google host: without these Chromium keeps trying, and waiting.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--user-data-dir=" + profile,
        "--window-size=1400,1000");
    try {
      return new Browser(service, new ChromeDriver(service, options), profile, screenshots);
    } catch (RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** A wait that polls every 250 ms and looks again when the page re-renders under it. */
  WebDriverWait waitUpTo(Duration timeout, String what) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(250));
    wait.withMessage(what);
    wait.ignoring(NoSuchElementException.class, StaleElementReferenceException.class);
    return wait;
  }

  /** Scrolls the element into the window, aligned to its "start", "center" or "end". */
  void scrollIntoView(WebElement element, String block) {
    driver.executeScript("arguments[0].scrollIntoView({block: arguments[1]})", element, block);
  }

  /** Names the screenshots that follow after this test, numbered from 1. */
  void startTest(String name) {
    test = name;
    step = 0;
  }

  /** Saves what the window shows now as {@code <test>-<nn>-<step>.png} and returns its path. */
  Path screenshot(String stepName) {
    Path file = screenshots.resolve("%s-%02d-%s.png".formatted(test, ++step, stepName));
    new Actions(driver).moveToLocation(0, 0).perform(); // no hover effects where the mouse was
    try {
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    quit();
    try {
      Runtime.getRuntime().removeShutdownHook(quitOnExit);
    } catch (IllegalStateException exiting) {
      // the JVM is already shutting down, and this very hook may be what called close
    }
  }

  private synchronized void quit() {
    try {
      driver.quit(); // ends Chromium and, with it, the session
    } catch (RuntimeException alreadyGone) {
      // the browser died or was quit before
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static Logger quieter(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static Path binary(String variable, String fallback) {
    String configured = System.getenv(variable);
    return Path.of(configured == null || configured.isBlank() ? fallback : configured);
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory; the system cleans it up eventually
    }
  }
}
