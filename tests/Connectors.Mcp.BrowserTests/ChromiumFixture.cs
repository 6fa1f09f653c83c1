using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// Playwright (its node driver ships in the NuGet package) driving headless Debian Chromium. Started once for the
/// collection; each test opens its own context (cookies, storage, time zone) with <see cref="NewContextAsync"/>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!ChromiumLocation.IsInstalled)
        {
            return; // the tests are skipped, or fail with the install hint when the browser is required
        }

        // Expectations wait up to 10 s: the suite shares two cores with other test projects' servers.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumLocation.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh browser context: en-US, in <paramref name="timeZone"/> (default UTC), 1280×900.</summary>
    public Task<IBrowserContext> NewContextAsync(string timeZone = "UTC")
    {
        if (_browser is null)
        {
            throw new InvalidOperationException(ChromiumLocation.MissingMessage);
        }

        return _browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
