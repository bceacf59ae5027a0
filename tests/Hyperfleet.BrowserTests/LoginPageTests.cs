using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>Logging in and out of a fresh control plane (no hypervisors yet).</summary>
[Collection("browser")]
public sealed class LoginPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Login_WrongThenRightPassword_ShowsErrorThenEmptyHypervisorsPage()
    {
        await fixture.Browser.Context.ClearCookiesAsync();
        var page = await fixture.Browser.Context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("User name or password is wrong.");
        await AdminBrowser.ScreenshotAsync(page, "01-login-error");

        await page.GetByLabel("Password").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No hypervisors yet" })).ToBeVisibleAsync();
        await Expect(page.Locator(".user")).ToHaveTextAsync("admin");
        await Expect(page.Locator(".live")).ToHaveTextAsync("Live");
        await AdminBrowser.ScreenshotAsync(page, "02-empty-state");
        await fixture.Browser.CloseAsync(page);
    }

    [Fact]
    public async Task Logout_ThenReload_ShowsLoginAgain()
    {
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByText("You are logged out.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        await fixture.Browser.CloseAsync(page);
    }
}
