using System.Net.Http.Json;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>The Users page (admins), and what a plain user sees after logging in: only their own desktops.</summary>
[Collection("browser")]
public sealed class UsersPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AdminAddsAUser_ErrorNextToTheField_ThenTheUserSeesOnlyTheirDesktops()
    {
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(page.Locator("tr[data-id='admin']")).ToContainTextAsync("admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "+ New user" }).ClickAsync();
        var dialog = page.Locator("dialog[open]");
        await dialog.GetByLabel("User name").FillAsync("ana");
        await dialog.GetByLabel("Password").FillAsync("short");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(dialog.Locator("[data-field='password'] .field-error")).ToContainTextAsync("at least 8");
        await AdminBrowser.ScreenshotAsync(page, "30-user-form-error");
        await dialog.GetByLabel("Password").FillAsync("ana-password-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.Locator("tr[data-id='ana']")).ToContainTextAsync("user");
        await AdminBrowser.ScreenshotAsync(page, "31-users");

        await fixture.WithDbAsync(async db =>
        {
            db.Templates.Add(new Template
            {
                Id = "users-base", Name = "Users base", Kind = TemplateKinds.Base, DiskPath = "/opt/isard/bases/users-base.qcow2",
                PoolId = StoragePoolDefaults.DefaultPoolId, MemoryMib = 1024, Vcpus = 1, Status = TemplateStatuses.Ready,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        using (var admin = fixture.Admin())
        {
            foreach (var (id, owner) in new[] { ("ana-d1", "ana"), ("admin-d1", "admin") })
            {
                var created = await admin.PostAsJsonAsync("/api/v1/desktops", new { id, template = "users-base", owner }, ApiJson.Options);
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await page.GetByLabel("User name").FillAsync("ana");
        await page.GetByLabel("Password").FillAsync("ana-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My desktops" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-id='ana-d1']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-id='admin-d1']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hypervisors" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".user")).ToHaveTextAsync("ana");
        await AdminBrowser.ScreenshotAsync(page, "32-user-desktops");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByText("You are logged out.")).ToBeVisibleAsync();
        await fixture.Browser.CloseAsync(page);
    }
}
