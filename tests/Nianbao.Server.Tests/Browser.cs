using Microsoft.Playwright;

namespace Nianbao.Server.Tests;

/// <summary>
/// One real Chromium (Debian's /usr/bin/chromium, installed by test.sh) and one real server for a test
/// class; each test opens its own browser context (its own cookies). Playwright is never asked to
/// download a browser: without /usr/bin/chromium the tests fail, they are not skipped.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: run `bash test.sh`, which installs Debian's chromium.");
        _server = await TestServer.StartAsync("sqlite", maxFileBytes: 8 * 1024 * 1024, maxFiles: 20);
        foreach (var role in new[] { "admin", "reviewer", "viewer" }) _server.AddAccount(role, role);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A new page in its own context (no cookies), on the server's address.</summary>
    public async Task<IPage> NewPage()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Script errors fail the test that caused them (an error in the pages' own script is a bug).
        page.PageError += (_, error) => Errors.Add(error);
        return page;
    }

    /// <summary>Uncaught script errors seen on any page.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>A page signed in through the sign-in form.</summary>
    public async Task<IPage> SignedIn(string name)
    {
        var page = await NewPage();
        // Twice at most: on a loaded CI machine a sign-in was seen to leave the page idle short of
        // /reports without a server error; the second try, and the page's own words if that fails
        // too, tell a flaky start from a broken sign-in (which the sign-in test covers on its own).
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/login");
            // An earlier try that signed in but was not seen to arrive: the sign-in page sends us on.
            if (!page.Url.Contains("/login", StringComparison.Ordinal)) { await page.GotoAsync("/reports"); return page; }
            await page.FillAsync("input[name=name]", name);
            await page.FillAsync("input[name=password]", TestServer.Password);
            await page.ClickAsync("button[type=submit]");
            try
            {
                // Arriving (the response committed) is what signing in means; later tests wait for what they need.
                await page.WaitForURLAsync("**/reports", new PageWaitForURLOptions { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
                return page;
            }
            catch (TimeoutException) when (attempt == 1) { }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"signing in as {name} ended at {page.Url}: {await page.InnerTextAsync("body")}", ex);
            }
        }
    }

    /// <summary>Set to 1 to have the browser tests rewrite the committed docs/screenshots/*.png.</summary>
    public const string UpdateScreenshotsVariable = "NIANBAO_UPDATE_SCREENSHOTS";

    /// <summary>
    /// Where the screenshots go: a folder under the system's temporary directory
    /// (<c>/tmp/nianbao-screenshots</c>), so a test run leaves the checkout as it was; the repository's
    /// docs/screenshots (which the README shows) only when <see cref="UpdateScreenshotsVariable"/> is 1.
    /// </summary>
    public static string ScreenshotFolder() =>
        Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1"
            ? Path.Combine(Repository(), "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "nianbao-screenshots");

    /// <summary>NAME.png in <see cref="ScreenshotFolder"/>: the whole page, or only what the window shows.</summary>
    public static async Task Screenshot(IPage page, string name, bool fullPage = true)
    {
        var folder = ScreenshotFolder();
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    /// <summary>The seed reports: shared/seeds beside the checkout (as CI lays it out) or above it.</summary>
    public static string Seeds()
    {
        for (var dir = new DirectoryInfo(Repository()); dir is not null; dir = dir.Parent)
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "..", "shared", "seeds"), Path.Combine(dir.FullName, "shared", "seeds") })
                if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        throw new DirectoryNotFoundException("shared/seeds not found beside the checkout.");
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Nianbao.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Nianbao.slnx not found above the test output.");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}
