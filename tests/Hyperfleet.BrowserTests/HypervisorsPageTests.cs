using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>The Hypervisors page against a real server whose engine talks to scripted hosts.</summary>
[Collection("browser")]
public sealed class HypervisorsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AddForm_WithLoopbackHostname_ShowsApiMessageNextToHostname()
    {
        var page = await fixture.Browser.LoggedInPageAsync();
        var dialog = await new HypervisorsPage(page).OpenAddFormAsync("hv-loop", "127.0.0.1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add hypervisor" }).ClickAsync();

        var hostnameError = dialog.Locator("[data-field='hostname'] .field-error");
        await Expect(hostnameError).ToContainTextAsync("loopback");
        await Expect(dialog.GetByLabel("Hostname", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.Locator("[data-field='id'] .field-error")).ToBeHiddenAsync();
        await AdminBrowser.ScreenshotAsync(page, "03-add-form-field-error");
        await fixture.Browser.CloseAsync(page);
    }

    [Fact]
    public async Task Lifecycle_AddEnableLoseDisableForceDelete_ShowsEveryStatusLive()
    {
        const string id = "hv-life";
        var page = await fixture.Browser.LoggedInPageAsync();
        var hypervisors = new HypervisorsPage(page);
        await hypervisors.MarkDocumentAsync();

        // Add through the form.
        var dialog = await hypervisors.OpenAddFormAsync(id, "10.20.0.11");
        await dialog.GetByLabel("Description").FillAsync("Rack 2, 64 cores");
        await dialog.GetByLabel("Tunneling mode").SelectOptionAsync("geneve");
        await AdminBrowser.ScreenshotAsync(page, "04-add-form");
        await HypervisorsPage.SubmitAddFormAsync(dialog);
        var row = hypervisors.Row(id);
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Offline");
        await Expect(row).ToContainTextAsync("Geneve only");

        // Enable: the engine connects (scripted) and the row turns Online without a reload.
        await hypervisors.ToggleEnabledAsync(id);
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Online");
        await Expect(row.Locator(".meter").First).ToBeVisibleAsync();
        await AdminBrowser.ScreenshotAsync(page, "05-online");

        // The host goes away: Error with its reason in the row and the detail in the details.
        const string detail = "libvirt keepalive: no answer from 10.20.0.11 for 3 s";
        fixture.Connector.FailWith(id, "keepalive_timeout", detail);
        fixture.Connector.Lose(id, "keepalive_timeout", detail);
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Error");
        await Expect(row.Locator(".reason")).ToHaveTextAsync("keepalive timeout");
        await AdminBrowser.ScreenshotAsync(page, "06-error");
        await row.Locator(".reason").ClickAsync();
        var details = page.Locator("dialog[open]");
        await Expect(details.Locator(".status-detail")).ToHaveTextAsync(detail);
        await details.GetByRole(AriaRole.Tab, new() { Name = "Status history" }).ClickAsync();
        await Expect(details.Locator("table.events")).ToContainTextAsync("keepalive_timeout");
        await AdminBrowser.ScreenshotAsync(page, "07-details-history");

        // Disable from the details: the confirmation says running desktops keep running.
        await details.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Expect(hypervisors.TopDialog).ToContainTextAsync("Desktops already running there keep running.");
        await hypervisors.ConfirmAsync("Disable");
        await Expect(details.Locator(".badge").First).ToHaveTextAsync("Offline");

        // Delete → Deleting, then Force delete → gone.
        await details.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await hypervisors.ConfirmAsync("Delete");
        await Expect(details.Locator(".badge").First).ToHaveTextAsync("Deleting");
        await page.Keyboard.PressAsync("Escape");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Deleting");
        await AdminBrowser.ScreenshotAsync(page, "08-deleting");
        await hypervisors.ForceDeleteAsync(id);

        await hypervisors.AssertSameDocumentAsync();
        await fixture.Browser.CloseAsync(page);
    }

    [Fact]
    public async Task Details_PortsTab_SwitchesBetweenIptablesAndFirewalld()
    {
        await fixture.AddHypervisorAsync("hv-ports", "10.20.0.12");
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.Locator("tr[data-id='hv-ports']").GetByRole(AriaRole.Button, new() { Name = "Details of hv-ports" }).ClickAsync();
        var details = page.Locator("dialog[open]");
        await Expect(details).ToContainTextAsync("none pinned");
        await AdminBrowser.ScreenshotAsync(page, "09-details-overview");
        await details.GetByRole(AriaRole.Tab, new() { Name = "Ports & firewall" }).ClickAsync();
        await Expect(details.Locator("table[aria-label='Ports']")).ToContainTextAsync("2022/tcp");
        await Expect(details.Locator(".commands")).ToContainTextAsync("iptables");
        await details.GetByLabel("Firewall", new() { Exact = true }).SelectOptionAsync("firewalld");
        await Expect(details.Locator(".commands")).ToContainTextAsync("firewall-cmd");
        await AdminBrowser.ScreenshotAsync(page, "10-details-ports");

        // Add SSH key starts from the hypervisor's own connection settings; only the password is left to type.
        await details.GetByRole(AriaRole.Button, new() { Name = "Add SSH key" }).ClickAsync();
        var ssh = page.Locator("dialog[open]").Last;
        await Expect(ssh.GetByLabel("Host", new() { Exact = true })).ToHaveValueAsync("10.20.0.12");
        await Expect(ssh.GetByLabel("SSH port")).ToHaveValueAsync("2022");
        await Expect(ssh.GetByLabel("Password")).ToBeFocusedAsync();
        await AdminBrowser.ScreenshotAsync(page, "13-add-ssh-key");
        await fixture.Browser.CloseAsync(page);
    }

    [Fact]
    public async Task Edit_WhileOnline_ShowsTheApisConflict()
    {
        const string id = "hv-edit";
        await fixture.AddHypervisorAsync(id, "10.20.0.13");
        using (var client = fixture.Admin())
        {
            (await client.PostAsync($"/api/v1/hypervisors/{id}/enable", null)).EnsureSuccessStatusCode();
        }
        var page = await fixture.Browser.LoggedInPageAsync();
        var row = page.Locator($"tr[data-id='{id}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Online");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Details of {id}" }).ClickAsync();
        await page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var editor = page.Locator("dialog[open]").Last;
        await editor.GetByLabel("Description").FillAsync("changed");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Alert)).ToContainTextAsync("disable", new() { IgnoreCase = true });
        await AdminBrowser.ScreenshotAsync(page, "11-edit-online-conflict");
        await fixture.Browser.CloseAsync(page);
    }

    [Fact]
    public async Task EventsPage_ListsFleetEvents_AndFiltersByText()
    {
        await fixture.AddHypervisorAsync("hv-events", "10.20.0.14");
        var page = await fixture.Browser.LoggedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        var table = page.Locator("table.events");
        await Expect(table).ToContainTextAsync("hv-events");
        await page.GetByLabel("Filter events").FillAsync("hv-events");
        await Expect(table.Locator("tbody tr").First).ToContainTextAsync("hv-events");
        await page.GetByLabel("Filter events").FillAsync("no-such-thing-anywhere");
        await Expect(page.GetByText("No event matches the filter")).ToBeVisibleAsync();
        await page.GetByLabel("Filter events").FillAsync("");

        // Live: a new event appears without reloading.
        await fixture.AddHypervisorAsync("hv-events-2", "10.20.0.15");
        await Expect(table.Locator("tbody tr").First).ToContainTextAsync("hv-events-2");
        await AdminBrowser.ScreenshotAsync(page, "12-events");
        await fixture.Browser.CloseAsync(page);
    }
}
