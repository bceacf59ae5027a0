using System.Text.RegularExpressions;
using Hyperfleet.BrowserTests;
using Hyperfleet.IntegrationTests.Engine;
using Hyperfleet.IntegrationTests.Testbed;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.IntegrationTests.Web;

/// <summary>
/// The admin web UI in Debian's Chromium against a real control plane whose engine talks to real testbed hosts:
/// every status the admin sees comes from libvirtd over SSH, and arrives through the event stream (no reload).
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed partial class AdminUiOnTestbedTests(TestbedFixture testbed, TestbedServerFixture server)
    : IClassFixture<TestbedServerFixture>
{
    private const string Id = "hv2";

    /// <summary>Every assertion polls until this deadline (the engine detects and recovers within seconds).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>Installing the key logs in with the password, then with the key, then asks libvirtd.</summary>
    private const float SshInstallTimeoutMs = 30_000;

    [Fact]
    public async Task Hypervisor_AddEnableKillLibvirtdRecoverForceDelete_ShowsEveryStatusLive()
    {
        await using var browser = await AdminBrowser.LaunchAsync(server.BaseAddress, Deadline);
        var page = await browser.LoggedInPageAsync();
        var hypervisors = new HypervisorsPage(page);
        await hypervisors.MarkDocumentAsync();
        var row = hypervisors.Row(Id);
        var libvirtdKilled = false;
        TestDomain? desktop = null;
        try
        {
            // Add SSH key with the host's root password: the key is installed, the host key pinned, libvirtd answers.
            var ssh = await hypervisors.OpenAddSshKeyAsync(testbed.Ip(Id), TestbedFixture.SshPort, testbed.Password);
            await ssh.GetByRole(AriaRole.Button, new() { Name = "Install key" }).ClickAsync();
            await Expect(ssh.Locator(".ssh-result dd.ok")).ToHaveCountAsync(3, new() { Timeout = SshInstallTimeoutMs });
            await Expect(ssh.Locator(".ssh-result dd.bad")).ToHaveCountAsync(0);
            await Expect(ssh.Locator(".ssh-result dd.mono")).ToContainTextAsync("SHA256:");
            await AdminBrowser.ScreenshotAsync(page, "testbed-01-ssh-key-installed");
            await ssh.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(ssh).ToBeHiddenAsync();

            // Add it through the form with the same hostname, enable it: the engine connects for real.
            var form = await hypervisors.OpenAddFormAsync(Id, testbed.Ip(Id));
            await form.GetByLabel("Description").FillAsync("testbed host");
            await HypervisorsPage.SubmitAddFormAsync(form);
            await Expect(hypervisors.Badge(Id)).ToHaveTextAsync("Offline");
            await hypervisors.ToggleEnabledAsync(Id);
            await Expect(hypervisors.Badge(Id)).ToHaveTextAsync("Online");
            await Expect(row.GetByRole(AriaRole.Meter, new() { Name = $"Memory of {Id}" })).ToBeVisibleAsync();
            await AdminBrowser.ScreenshotAsync(page, "testbed-02-online");

            // libvirtd dies: Error with its reason in the row, its detail in the tooltip and the details.
            libvirtdKilled = true;
            await testbed.KillLibvirtdAsync(Id);
            await Expect(hypervisors.Badge(Id)).ToHaveTextAsync("Error");
            var reason = row.Locator(".reason");
            await Expect(reason).ToHaveTextAsync("libvirt down");
            await Expect(reason).ToHaveAttributeAsync("title", NotBlank());
            await AdminBrowser.ScreenshotAsync(page, "testbed-03-error");
            await reason.ClickAsync();
            var details = page.Locator("dialog[open]").First;
            await Expect(details.Locator(".problem strong")).ToHaveTextAsync("libvirt down");
            await Expect(details.Locator(".status-detail")).ToHaveTextAsync(NotBlank());
            await details.GetByRole(AriaRole.Tab, new() { Name = "Status history" }).ClickAsync();
            await Expect(details.Locator("table.events")).ToContainTextAsync("libvirt_down");
            await AdminBrowser.ScreenshotAsync(page, "testbed-04-error-details");

            // libvirtd is back: the open details turn Online and the problem goes, then the row too.
            await testbed.StartLibvirtdAsync(Id);
            libvirtdKilled = false;
            await Expect(details.Locator(".details-status .badge")).ToHaveTextAsync("Online");
            await Expect(details.Locator(".status-detail")).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("Escape");
            await Expect(details).ToBeHiddenAsync();
            await Expect(hypervisors.Badge(Id)).ToHaveTextAsync("Online");

            // A desktop runs there: the row counts it, and it keeps a deleted hypervisor in Deleting.
            desktop = await TestDomain.StartAsync(testbed, Id);
            await Expect(row.Locator("td.num-col").Nth(2)).ToHaveTextAsync(PositiveCount());
            await AdminBrowser.ScreenshotAsync(page, "testbed-05-desktop-running");

            // Disable with the toggle, Delete from the details → Deleting, Force delete from the row → gone.
            await hypervisors.ToggleEnabledAsync(Id);
            await hypervisors.ConfirmAsync("Disable");
            await Expect(hypervisors.Badge(Id)).ToHaveTextAsync("Offline");
            await row.GetByRole(AriaRole.Button, new() { Name = $"Details of {Id}" }).ClickAsync();
            await details.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await hypervisors.ConfirmAsync("Delete");
            await Expect(details.Locator(".details-status .badge")).ToHaveTextAsync("Deleting");
            await page.Keyboard.PressAsync("Escape");
            await Expect(hypervisors.Badge(Id)).ToHaveTextAsync("Deleting");
            await AdminBrowser.ScreenshotAsync(page, "testbed-06-deleting");
            await hypervisors.ForceDeleteAsync(Id);
            await AdminBrowser.ScreenshotAsync(page, "testbed-07-force-deleted");

            // Force delete leaves the desktop running, unmanaged.
            var state = (await testbed.VirshAsync(Id, "domstate", desktop.Name)).EnsureSuccess().StandardOutput.Trim();
            Assert.Equal("running", state);
            await hypervisors.AssertSameDocumentAsync();
            await browser.CloseAsync(page);
        }
        finally
        {
            // Leave hv2 healthy for the rest of the collection, whatever failed.
            if (libvirtdKilled)
            {
                await testbed.StartLibvirtdAsync(Id);
            }
            if (desktop is not null)
            {
                await desktop.DisposeAsync();
            }
        }
    }

    [GeneratedRegex(@"\S")]
    private static partial Regex NotBlank();

    [GeneratedRegex(@"^[1-9][0-9]*$")]
    private static partial Regex PositiveCount();
}
