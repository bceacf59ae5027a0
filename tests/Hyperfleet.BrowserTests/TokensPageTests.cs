using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Server.Api.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>The Enrollment tokens page (admins): create a join token, see it once, list it, revoke it.</summary>
[Collection("browser")]
public sealed class TokensPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CreateAndRevoke_TokenShownOnceThenListed_RevokedInPageAndApi()
    {
        var page = await fixture.Browser.LoggedInPageAsync();
        await fixture.Browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Enrollment tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrollment tokens" })).ToBeVisibleAsync();

        // The API's refusal lands next to the field it names.
        await page.GetByRole(AriaRole.Button, new() { Name = "+ New token" }).ClickAsync();
        var form = page.Locator("dialog[open]");
        await form.GetByLabel("Uses").FillAsync("0");
        await form.GetByLabel("Description").FillAsync("room 101");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(form.Locator("[data-field='uses'] .field-error")).ToContainTextAsync("at least 1");
        await form.GetByLabel("Uses").FillAsync("2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        // Shown once: the token, the CA pin and the join command that carries both.
        var created = page.Locator("dialog[open]");
        await Expect(created.GetByText("Shown once: only a hash is kept.")).ToBeVisibleAsync();
        var tokenText = created.Locator("[data-secret='token']");
        await Expect(tokenText).ToHaveTextAsync(new Regex("^[a-z0-9]{6}\\.[a-z0-9]{16}$"));
        var token = await tokenText.TextContentAsync() ?? "";
        var id = token.Split('.')[0];
        await Expect(created.Locator("[data-secret='ca-pin']")).ToHaveTextAsync(new Regex("^sha256:"));
        var join = created.Locator("[data-secret='join-command']");
        await Expect(join).ToContainTextAsync("hyperfleet agent --server");
        await Expect(join).ToContainTextAsync(token);
        await created.GetByRole(AriaRole.Button, new() { Name = "Copy token" }).ClickAsync();
        await Expect(created.GetByRole(AriaRole.Button, new() { Name = "Copy token" })).ToHaveTextAsync("Copied");
        Assert.Equal(token, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await AdminBrowser.ScreenshotAsync(page, "50-token-created");
        await created.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(created).ToHaveCountAsync(0);

        var row = page.Locator($"tr[data-id='{id}']");
        await Expect(row).ToHaveAttributeAsync("data-state", "active");
        await Expect(row).ToContainTextAsync("0/2");
        await Expect(row).ToContainTextAsync("room 101");
        await Expect(row).ToContainTextAsync("admin");
        await Expect(row).Not.ToContainTextAsync(token);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {id}" }).ClickAsync();
        await page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-state", "revoked");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("revoked");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await AdminBrowser.ScreenshotAsync(page, "51-token-revoked");

        using (var admin = fixture.Admin())
        {
            var tokens = await admin.GetFromJsonAsync<List<EnrollmentTokenResponse>>("/api/v1/enrollment-tokens", ApiJson.Options);
            var listed = Assert.Single(tokens!, t => t.Id == id);
            Assert.Equal((EnrollmentTokenStates.Revoked, 0, 2, "room 101"), (listed.State, listed.Uses, listed.UsesAllowed, listed.Description));
            Assert.NotNull(listed.RevokedAt);
            Assert.Null(listed.Token);
        }
        await fixture.Browser.CloseAsync(page);
    }
}
