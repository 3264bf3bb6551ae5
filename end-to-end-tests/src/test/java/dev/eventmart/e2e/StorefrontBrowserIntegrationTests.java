package dev.eventmart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The storefront in a real browser (Debian's headless chromium through chromedriver) against the whole stack: alice
 * logs in, fills her cart, pays with {@code tok_visa} and watches the order reach CONFIRMED on the live view without
 * a reload, then pays with {@code tok_chargeDeclined} and sees it CANCELLED (PAYMENT_DECLINED); olivia, staff, then
 * finds both purchases on the operations page. Every step leaves a screenshot in
 * {@code target/browser-screenshots/}, the failing one included.
 * <p>
 * Buys P-1001 and P-1004 only: the saga scenarios sharing the platform count on the stock of the others.
 */
@ExtendWith(SharedPlatform.class)
class StorefrontBrowserIntegrationTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("eventmart.screenshots",
            "target/browser-screenshots"));

    private static String storefront;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private int step;

    @BeforeAll
    static void openBrowser() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs %s and %s (Debian: apt-get install chromium chromium-driver; .ci/run"
                        + " installs them)", CHROMIUM, CHROMEDRIVER).isTrue();
        storefront = Platform.get().storefront();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(new File(System.getProperty("eventmart.logs", "target/service-logs"), "chromedriver.log"))
                .build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void customerBuysAndWatchesOrdersLiveThenStaffSeesThePurchases() {
        step("log in as alice", () -> {
            browser.get(storefront + "/orders.html");
            logIn("alice", "alice-password");
            wait.until(ExpectedConditions.textToBe(By.id("user"), "alice"));
        });
        step("add a product from the catalog", () -> {
            browser.get(storefront + "/");
            click(By.cssSelector("button.add[data-product-id='P-1001']"));
            wait.until(ExpectedConditions.textToBe(By.id("cart-count"), "1"));
        });
        step("add another from its product page", () -> {
            browser.get(storefront + "/product.html?id=P-1004");
            click(By.id("add"));
            wait.until(ExpectedConditions.textToBe(By.id("cart-count"), "2"));
        });
        String confirmed = step("check out with tok_visa and watch it confirm", () -> {
            String orderId = checkOut("tok_visa");
            wait.until(ExpectedConditions.textToBe(By.id("order-status"), "CONFIRMED"));
            assertSteps("PENDING", "RESERVED", "CONFIRMED");
            return orderId;
        });
        String declined = step("check out with tok_chargeDeclined and watch it cancel", () -> {
            browser.get(storefront + "/");
            click(By.cssSelector("button.add[data-product-id='P-1001']"));
            String orderId = checkOut("tok_chargeDeclined");
            wait.until(ExpectedConditions.textToBe(By.id("order-status"), "CANCELLED"));
            assertThat(browser.findElement(By.id("order-reason")).getText()).isEqualTo("(PAYMENT_DECLINED)");
            assertSteps("PENDING", "RESERVED", "CANCELLED");
            return orderId;
        });
        step("my orders show both with their history", () -> {
            browser.get(storefront + "/orders.html");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-order-id='" + declined
                    + "']")));
            assertThat(browser.findElement(By.cssSelector("tr[data-order-id='" + confirmed + "']")).getText())
                    .contains("PENDING", "RESERVED", "CONFIRMED");
        });
        step("log in as olivia, staff", () -> {
            // identity-service would otherwise still know alice: forget every cookie of localhost (both apps').
            browser.manage().deleteAllCookies();
            browser.get(storefront + "/operations.html");
            logIn("olivia", "olivia-password");
            wait.until(ExpectedConditions.textToBe(By.id("user"), "olivia"));
        });
        step("the operations page shows both purchases", () -> {
            browser.findElement(By.id("user-id")).sendKeys("alice");
            click(By.cssSelector("#user-lookup button"));
            wait.until(ExpectedConditions.textToBe(By.id("user-purchases"), "2"));
            wait.until(driver -> number("orders-confirmed") >= 1 && number("orders-cancelled") >= 1
                    && number("purchases") >= 2);
            wait.until(driver -> chartLabels("by-status").contains("CONFIRMED"));
            assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        });
    }

    private void logIn(String user, String password) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Checks the cart out and waits for the live view; answers the order id. */
    private String checkOut(String paymentToken) {
        browser.get(storefront + "/checkout.html");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("payment-token"))))
                .selectByValue(paymentToken);
        click(By.id("place-order"));
        wait.until(ExpectedConditions.urlContains("/order.html?id="));
        // Marks this page: still there once the order is final, it shows the steps came without a reload.
        ((JavascriptExecutor) browser).executeScript("window.sameLiveView = true");
        return browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("id=") + 3);
    }

    private void assertSteps(String... statuses) {
        wait.until(driver -> browser.findElements(By.cssSelector("#steps li.step")).size() == statuses.length);
        assertThat(browser.findElements(By.cssSelector("#steps li.step"))).extracting(
                element -> element.getAttribute("data-status")).containsExactly(statuses);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameLiveView")).as("no reload")
                .isEqualTo(true);
    }

    private void click(By button) {
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    private long number(String id) {
        String text = browser.findElement(By.id(id)).getText();
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    @SuppressWarnings("unchecked")
    private List<String> chartLabels(String canvas) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart(arguments[0])?.data.labels ?? []", canvas);
    }

    private void step(String name, Runnable action) {
        step(name, () -> {
            action.run();
            return null;
        });
    }

    private <T> T step(String name, Supplier<T> action) {
        String file = "%02d-%s".formatted(++step, name.replaceAll("[^a-z0-9]+", "-"));
        try {
            T result = action.get();
            screenshot(file);
            return result;
        }
        catch (RuntimeException | AssertionError ex) {
            screenshot(file + "-FAILED");
            throw ex;
        }
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
