using Hyperfleet.Server.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>The Sessions page (admins): who views which desktop through which proxy, live; Cut ends a session.</summary>
[Collection("browser")]
public sealed class SessionsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Sessions_ShowWhoViewsWhatAndCutEndsOneLive()
    {
        var now = DateTimeOffset.UtcNow;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string open = "open-" + suffix, waiting = "wait-" + suffix;
        await fixture.WithDbAsync(db =>
        {
            db.ViewerSessions.Add(new ViewerSession
            {
                Id = open, Username = "ana", DesktopId = "lab-1", HypervisorId = "hv3", Protocol = "spice", Proxy = "hv3",
                Status = ViewerSessionStatuses.Open, ClientAddress = "192.0.2.7", IssuedAt = now.AddMinutes(-5), ExpiresAt = now.AddMinutes(-4),
                StartedAt = now.AddMinutes(-5), BytesToClient = 3 * 1024 * 1024, BytesFromClient = 2048,
            });
            db.ViewerSessions.Add(new ViewerSession
            {
                Id = waiting, Username = "bob", DesktopId = "lab-2", HypervisorId = "hv1", Protocol = "browser", Proxy = "central",
                IssuedAt = now, ExpiresAt = now.AddSeconds(30),
            });
            return db.SaveChangesAsync();
        });
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();

        var openRow = page.Locator($"tr[data-id='{open}']");
        await Expect(openRow).ToContainTextAsync("ana");
        await Expect(openRow).ToContainTextAsync("hv3's own");
        await Expect(openRow).ToContainTextAsync("192.0.2.7");
        await Expect(openRow).ToContainTextAsync("3.0 MiB / 2.0 KiB");
        await Expect(openRow).ToContainTextAsync("SPICE");
        var waitingRow = page.Locator($"tr[data-id='{waiting}']");
        await Expect(waitingRow).ToHaveAttributeAsync("data-status", "issued");
        await AdminBrowser.ScreenshotAsync(page, "40-sessions");

        await waitingRow.GetByRole(AriaRole.Button, new() { Name = "Cut" }).ClickAsync();
        await page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "Cut" }).ClickAsync();
        await Expect(waitingRow).ToHaveAttributeAsync("data-status", "ended");
        await Expect(waitingRow).ToContainTextAsync("cut");
        await Expect(waitingRow.GetByRole(AriaRole.Button, new() { Name = "Cut" })).ToHaveCountAsync(0);
        var row = await fixture.WithDbAsync(db => db.ViewerSessions.FindAsync(waiting).AsTask());
        Assert.Equal((ViewerSessionStatuses.Ended, "cut"), (row!.Status, row.EndReason));
        await AdminBrowser.ScreenshotAsync(page, "41-session-cut");
        await fixture.Browser.CloseAsync(page);
    }
}
