package dev.switchboard.studio;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium through Debian's chromedriver (both installed by .ci/run when missing), headless
 * with a fresh profile and no background networking (the closed network refuses those connections). Screenshots go
 * to the directory in the system property {@value #SCREENSHOTS} when it is set (docs/img for docs/studio.md).
 */
final class Browser implements AutoCloseable {
  /** The system property naming where screenshots go. */
  static final String SCREENSHOTS = "studio.screenshots";
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final WebDriver driver;
  private final Path profile;

  Browser() {
    try {
      profile = Files.createTempDirectory("studio-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  /** {@return whether Chromium and chromedriver are installed} */
  static boolean installed() {
    return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until an element's text contains some text. */
  WebElement waitForText(String css, String text) {
    waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return driver.findElement(By.cssSelector(css));
  }

  WebDriverWait waitFor() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20)) {
      @Override
      protected RuntimeException timeoutException(String message, Throwable lastException) {
        String html = driver.getPageSource();
        return new org.openqa.selenium.TimeoutException(message + "\nat " + driver.getCurrentUrl() + ", whose page is:\n"
            + (html.length() > 6000 ? html.substring(0, 6000) + "..." : html), lastException);
      }
    };
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  void type(String css, String text) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  void click(String css) {
    waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  String html() {
    return driver.getPageSource();
  }

  /** Takes a screenshot of the whole window when screenshots were asked for. */
  void screenshot(String name) {
    Optional<String> dir = Optional.ofNullable(System.getProperty(SCREENSHOTS)).filter(s -> !s.isBlank());
    if (dir.isEmpty()) {
      return;
    }
    try {
      Path target = Path.of(dir.get()).resolve(name + ".png");
      Files.createDirectories(target.getParent());
      Files.write(target, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the profile is a temporary directory; leaving it is harmless
    }
  }
}
