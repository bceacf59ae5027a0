using System.Net.Http.Json;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>The Desktops page: empty state, a desktop created elsewhere appearing live, the API's errors in the form.</summary>
[Collection("browser")]
public sealed class DesktopsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DesktopsPage_ShowsADesktopCreatedThroughTheApiLive_AndTheApiMessageNextToABadField()
    {
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Desktops" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No desktops yet" })).ToBeVisibleAsync();

        // A Ready base in the default pool, as the storage worker leaves it once its disk exists.
        await fixture.WithDbAsync(async db =>
        {
            db.Templates.Add(new Template
            {
                Id = "ui-base", Name = "UI base", Kind = TemplateKinds.Base, DiskPath = "/opt/isard/bases/ui-base.qcow2",
                PoolId = StoragePoolDefaults.DefaultPoolId, MemoryMib = 1024, Vcpus = 1, Status = TemplateStatuses.Ready,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        using (var admin = fixture.Admin())
        {
            var created = await admin.PostAsJsonAsync("/api/v1/desktops", new { id = "ui-d1", template = "ui-base" }, ApiJson.Options);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        // No reload: the event stream brings the new desktop, Creating while its disk task waits for a disk host.
        var row = page.Locator("tr[data-id='ui-d1']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Creating");
        await Expect(row).ToContainTextAsync("ui-base");
        await AdminBrowser.ScreenshotAsync(page, "20-desktops-live");

        await page.GetByRole(AriaRole.Button, new() { Name = "+ New desktop" }).ClickAsync();
        var dialog = page.Locator("dialog[open]");
        await dialog.GetByLabel("ID").FillAsync("Not A Slug");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create desktop" }).ClickAsync();
        var idError = dialog.Locator("[data-field='id'] .field-error");
        await Expect(idError).Not.ToBeEmptyAsync();
        await AdminBrowser.ScreenshotAsync(page, "21-desktop-form-error");
        await fixture.Browser.CloseAsync(page);

        using var check = fixture.Admin();
        var notCreated = await check.GetAsync("/api/v1/desktops/Not%20A%20Slug");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, notCreated.StatusCode);
    }
}
