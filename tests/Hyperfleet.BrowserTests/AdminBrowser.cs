using System.Collections.Concurrent;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Playwright;

namespace Hyperfleet.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright against one control plane, for the admin. Playwright's node driver
/// ships in its NuGet package; no browser is ever downloaded. Used by the browser tests (scripted hosts) and
/// by the integration tests (real testbed hosts).
/// </summary>
public sealed class AdminBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly string userDataDir;
    private readonly string adminPassword;

    private AdminBrowser(IPlaywright playwright, IBrowserContext context, string userDataDir, string adminPassword)
    {
        this.playwright = playwright;
        this.userDataDir = userDataDir;
        this.adminPassword = adminPassword;
        Context = context;
        Context.Page += (_, page) => page.PageError += (_, error) => PageErrors.Enqueue(error);
    }

    /// <summary>Where screenshots go: bin/…/screenshots, next to the test assembly.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowserContext Context { get; }

    /// <summary>Uncaught script errors of any page: a UI that throws is broken even when the test's clicks still work.</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();

    /// <summary>
    /// Starts Chromium with a fresh profile against <paramref name="baseAddress"/>. Playwright's expect timeout is
    /// process-wide: <paramref name="expectTimeout"/> becomes every assertion's default deadline.
    /// </summary>
    /// <param name="baseAddress">The control plane the pages are loaded from.</param>
    /// <param name="expectTimeout">Every assertion's default deadline.</param>
    /// <param name="adminPassword">The admin's password for <see cref="LoggedInPageAsync"/>.</param>
    /// <param name="trustedCaPem">
    /// A CA this browser trusts, as a user who installed the control plane's CA would (an NSS database in the profile's
    /// own HOME): certificates are then really checked, names included.
    /// </param>
    public static async Task<AdminBrowser> LaunchAsync(Uri baseAddress, TimeSpan expectTimeout, string adminPassword = ApiFixture.AdminPassword,
        string? trustedCaPem = null)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout((float)expectTimeout.TotalMilliseconds);
        Directory.CreateDirectory(ScreenshotDir);
        var userDataDir = Directory.CreateTempSubdirectory("hyperfleet-chromium-").FullName;
        var env = new Dictionary<string, string>();
        if (trustedCaPem is not null)
        {
            env["HOME"] = await TrustStore.CreateHomeAsync(userDataDir, trustedCaPem);
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
                BaseURL = baseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
                Locale = "en-GB",
                Env = env.Count > 0 ? env : null,
            });
            return new AdminBrowser(playwright, context, userDataDir, adminPassword);
        }
        catch
        {
            playwright.Dispose();
            DeleteProfile(userDataDir);
            throw;
        }
    }

    /// <summary>A new tab, logged in as admin (logging in through the form when the session cookie is missing).</summary>
    public async Task<IPage> LoggedInPageAsync()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync("/");
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Hypervisors", Exact = true });
        var login = page.GetByLabel("Password");
        await heading.Or(login).First.WaitForAsync();
        if (await login.IsVisibleAsync())
        {
            await page.GetByLabel("User name").FillAsync("admin");
            await login.FillAsync(adminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        }
        await Assertions.Expect(heading).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".live")).ToHaveTextAsync("Live");
        return page;
    }

    /// <summary>Closes a test's page and fails when any script error happened while it was open.</summary>
    public async Task CloseAsync(IPage page)
    {
        await page.CloseAsync();
        Assert.True(PageErrors.IsEmpty, "script errors: " + string.Join(" | ", PageErrors));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        playwright.Dispose();
        DeleteProfile(userDataDir);
    }

    private static void DeleteProfile(string userDataDir)
    {
        try
        {
            Directory.Delete(userDataDir, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; a leftover temp dir is harmless.
        }
    }
}
