using System.Net.Http.Json;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Tests.Engine;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hyperfleet.BrowserTests;

/// <summary>
/// A real control plane (API + engine, SQLite) whose hypervisors are scripted by <see cref="FakeConnector"/>, and
/// Debian's Chromium driven by Playwright. Playwright's node driver ships in its NuGet package; no browser is
/// ever downloaded.
/// </summary>
public sealed class BrowserFixture : ApiFixture, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private string? userDataDir;

    public BrowserFixture()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    public FakeConnector Connector { get; } = new();

    /// <summary>Uncaught script errors of any page: a UI that throws is broken even when the test's clicks still work.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PageErrors { get; } = new();
    public IBrowserContext Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: bin/…/screenshots, next to the test assembly.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public override string Provider => "sqlite";

    protected override string Roles => "api,engine";

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IHypervisorConnector>(Connector);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Hyperfleet:Engine:BackoffInitial"] = "00:00:00.100";
        settings["Hyperfleet:Engine:BackoffCap"] = "00:00:00.400";
        settings["Hyperfleet:Engine:StatsInterval"] = "00:00:00.300";
        settings["Hyperfleet:Engine:ReconcileInterval"] = "00:00:00.500";
        // Deleting stays Deleting long enough for the admin (and the test) to see it and force the delete.
        settings["Hyperfleet:DeletionSweepInterval"] = "01:00:00";
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Directory.CreateDirectory(ScreenshotDir);
        userDataDir = Directory.CreateTempSubdirectory("hyperfleet-chromium-").FullName;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
        });
        Browser.Page += (_, page) => page.PageError += (_, error) => PageErrors.Enqueue(error);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        await DisposeAsync();
        if (userDataDir is not null)
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

    /// <summary>A new tab, logged in as admin (logging in through the form when the session cookie is missing).</summary>
    public async Task<IPage> LoggedInPageAsync()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync("/");
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Hypervisors", Exact = true });
        var login = page.GetByLabel("Password");
        await heading.Or(login).First.WaitForAsync();
        if (await login.IsVisibleAsync())
        {
            await page.GetByLabel("User name").FillAsync("admin");
            await login.FillAsync(AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        }
        await Assertions.Expect(heading).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".live")).ToHaveTextAsync("Live");
        return page;
    }

    /// <summary>Adds a hypervisor through the API (as the CLI would), for tests about other pages.</summary>
    public async Task AddHypervisorAsync(string id, string hostname)
    {
        using var client = Admin();
        var response = await client.PostAsJsonAsync("/api/v1/hypervisors", new { id, hostname }, ApiJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Closes a test's page and fails when any script error happened while it was open.</summary>
    public async Task CloseAsync(IPage page)
    {
        await page.CloseAsync();
        Assert.True(PageErrors.IsEmpty, "script errors: " + string.Join(" | ", PageErrors));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
}
