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

    [Fact]
    public async Task ResizeDisk_OnAStoppedDesktop_ShowsTheApisMessage_ThenUpdatingLive()
    {
        await fixture.WithDbAsync(async db =>
        {
            // A pool no hypervisor reaches: the resize task waits, so the page can be seen Updating.
            db.StoragePools.Add(new StoragePool
            {
                Id = "ui-rs-pool", Mountpoint = "/srv/ui-rs", BasesPath = "/srv/ui-rs/bases", TemplatesPath = "/srv/ui-rs/templates",
                GroupsPath = "/srv/ui-rs/groups", MediaPath = "/srv/ui-rs/media", VolatilePath = "/srv/ui-rs/volatile", CreatedAt = DateTimeOffset.UtcNow,
            });
            db.Templates.Add(new Template
            {
                Id = "ui-rs-base", Kind = TemplateKinds.Base, DiskPath = "/srv/ui-rs/bases/ui-rs-base.qcow2",
                PoolId = "ui-rs-pool", MemoryMib = 1024, Vcpus = 1, Status = TemplateStatuses.Ready, CreatedAt = DateTimeOffset.UtcNow,
            });
            // Stopped: its disk exists, as the storage worker leaves it.
            db.Desktops.Add(new Desktop
            {
                Id = "ui-rs1", TemplateId = "ui-rs-base", PoolId = "ui-rs-pool", DiskPath = "/srv/ui-rs/groups/ui-rs1.qcow2",
                MemoryMib = 1024, Vcpus = 1, Status = DesktopStatuses.Stopped, StatusSince = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Desktops" }).ClickAsync();
        var row = page.Locator("tr[data-id='ui-rs1']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Stopped");

        await row.GetByRole(AriaRole.Button, new() { Name = "Resize disk" }).ClickAsync();
        var dialog = page.Locator("dialog[open]");
        await dialog.GetByLabel("New size (GiB)").FillAsync("70000");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resize disk" }).ClickAsync();
        await Expect(dialog.Locator("[data-field='size_gib'] .field-error")).ToContainTextAsync("between 1 and 65536");
        await AdminBrowser.ScreenshotAsync(page, "22-resize-form-error");

        await dialog.GetByLabel("New size (GiB)").FillAsync("40");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resize disk" }).ClickAsync();
        await Expect(page.Locator("dialog[open]")).ToHaveCountAsync(0);
        // No reload: the event stream brings Updating; the resize task waits for a disk host (none in this test).
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Updating");
        await Expect(row).ToContainTextAsync("growing its disk to 40 GiB");
        // The disk task appears live in the page's task list, waiting for a disk host.
        var taskRow = page.Locator("table[aria-label='Disk tasks'] tr", new() { HasText = "desktop ui-rs1" });
        await Expect(taskRow).ToContainTextAsync("resize to 40 GiB");
        await Expect(taskRow.Locator(".badge")).ToHaveTextAsync("queued");
        await Expect(taskRow).ToContainTextAsync("waiting for a disk host");
        await AdminBrowser.ScreenshotAsync(page, "23-desktop-updating");
        await fixture.Browser.CloseAsync(page);

        var task = await fixture.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.DiskTasks, t => t.OwnerId == "ui-rs1" && t.Kind == DiskTaskKinds.Resize));
        Assert.Contains("42949672960", task.Arguments, StringComparison.Ordinal);
    }
}
