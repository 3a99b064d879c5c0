using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download). Where Chromium is missing, browser
/// tests are skipped with the command that installs it, except under CI, where that is a failure.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultPath;

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Where screenshots go: beside the test binaries, under screenshots/.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (IsCi)
            {
                throw new InvalidOperationException($"Chromium is required under CI but {ExecutablePath} does not exist (apt-get install -y chromium).");
            }

            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context (its own cookies) and page; skips the test where Chromium is missing.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        if (browser is null)
        {
            Assert.Skip($"Chromium not found at {ExecutablePath}: install it with `sudo apt-get install -y chromium` to run the browser tests.");
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        // Generous: the whole suite runs browser tests beside each other on two cores, where a full
        // page reload through sign-in has been seen to take over 15 s. A broken page still fails.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
