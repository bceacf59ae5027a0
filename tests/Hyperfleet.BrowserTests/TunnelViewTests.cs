using System.Text.Json;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>
/// The tunnel in the list and in the details' Tunnel card (tunnel.js). No VPN node runs in the test server, so the
/// tunnel's state is written to the row as the node would, and published on the change feed as the node does.
/// </summary>
[Collection("browser")]
public sealed class TunnelViewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string BfdDetail = "BFD down: Control Detection Time Expired";
    private const string Address = "10.240.0.7";
    private const string WgKey = "m4Vp0Q2bW8fKc1r9yZt6HnJx3LdE5sGuAiO7PqRwTkM=";

    [Fact]
    public async Task DisconnectedTunnel_ListDetailsDiagnose_ShowsReasonBothEndsAndTurnsConnectedLive()
    {
        const string id = "hv-tunnel";
        await fixture.AddHypervisorAsync(id, "10.20.0.31");
        await SeedBfdDownAsync(id);

        // The list: the reason next to the status, the words as its tooltip.
        var page = await fixture.Browser.LoggedInPageAsync();
        await fixture.Browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var hypervisors = new HypervisorsPage(page);
        await hypervisors.MarkDocumentAsync();
        var line = hypervisors.Row(id).Locator(".tunnel");
        await Expect(line).ToHaveTextAsync("tunnel disconnected · bfd_down");
        await Expect(line).ToHaveAttributeAsync("title", BfdDetail);
        await AdminBrowser.ScreenshotAsync(page, "60-tunnel-list-disconnected");

        // The details' Tunnel card: reason, detail, address and the (public) key, copyable.
        await hypervisors.Row(id).GetByRole(AriaRole.Button, new() { Name = $"Details of {id}" }).ClickAsync();
        var card = hypervisors.TopDialog.Locator("section.tunnel-card");
        await Expect(card.Locator(".tunnel-tag")).ToHaveTextAsync("disconnected");
        await Expect(card.Locator(".tunnel-reason-code")).ToHaveTextAsync("bfd_down");
        await Expect(card.Locator(".tunnel-detail")).ToHaveTextAsync(BfdDetail);
        await Expect(card.Locator(".tunnel-address")).ToHaveTextAsync(Address);
        await Expect(card.Locator(".wg-key")).ToHaveTextAsync(WgKey);
        await card.GetByRole(AriaRole.Button, new() { Name = "Copy WireGuard public key" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Copy WireGuard public key" })).ToHaveTextAsync("Copied");
        Assert.Equal(WgKey, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Diagnose: the node's end is not readable here (no vpn role), the agent's end is its last report.
        await card.GetByRole(AriaRole.Button, new() { Name = "Diagnose" }).ClickAsync();
        var ends = card.Locator("table[aria-label='Tunnel ends']");
        await Expect(ends.Locator(".end-missing").First).ToContainTextAsync("No VPN node runs in this server process");
        await Expect(ends.Locator("tr", new() { Has = page.Locator("th", new() { HasText = "BFD" }) })).ToContainTextAsync("Control Detection Time Expired");
        await Expect(ends.Locator("tr", new() { Has = page.Locator("th", new() { HasText = "Repairs" }) })).ToContainTextAsync("3");
        await Expect(ends.Locator("tr", new() { Has = page.Locator("th", new() { HasText = "Received" }) })).ToContainTextAsync("1.5 MiB");
        await Expect(card.Locator("table.events")).ToContainTextAsync("tunnel disconnected");
        await Expect(card.Locator("table.events")).ToContainTextAsync("bfd_down");
        await ends.ScrollIntoViewIfNeededAsync();
        await AdminBrowser.ScreenshotAsync(page, "61-tunnel-details-diagnosed");

        // The node sees BFD come back: the row, the list and the open card follow without a reload; the diagnosis stays.
        await PublishConnectedAsync(id);
        await Expect(line).ToHaveTextAsync("tunnel connected");
        await Expect(card.Locator(".tunnel-tag")).ToHaveTextAsync("connected");
        await Expect(card.Locator(".tunnel-problem")).ToHaveCountAsync(0);
        await Expect(ends).ToBeVisibleAsync();
        await card.Locator("table.events").ScrollIntoViewIfNeededAsync();
        await AdminBrowser.ScreenshotAsync(page, "62-tunnel-connected-live");

        await hypervisors.AssertSameDocumentAsync();
        await fixture.Browser.CloseAsync(page);
    }

    [Fact]
    public async Task Diagnose_RemovedHypervisor_ShowsTheApisError()
    {
        const string id = "hv-tunnel-gone";
        await fixture.AddHypervisorAsync(id, "10.20.0.32");
        var page = await fixture.Browser.LoggedInPageAsync();
        var hypervisors = new HypervisorsPage(page);
        await hypervisors.Row(id).GetByRole(AriaRole.Button, new() { Name = $"Details of {id}" }).ClickAsync();
        var card = hypervisors.TopDialog.Locator("section.tunnel-card");
        await Expect(card.Locator(".tunnel-tag")).ToHaveTextAsync("disconnected");

        // Gone behind the page's back (no event published): the diagnosis answers 404 in the page's error style.
        await fixture.WithDbAsync(async db => await db.Hypervisors.Where(h => h.Id == id).ExecuteDeleteAsync());
        await card.GetByRole(AriaRole.Button, new() { Name = "Diagnose" }).ClickAsync();
        await Expect(card.Locator(".diagnosis .form-error")).ToContainTextAsync(id);
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Diagnose again" })).ToBeEnabledAsync();
        await fixture.Browser.CloseAsync(page);
    }

    /// <summary>The row and history as the VPN node leaves them when BFD drops, plus the agent's last report of its end.</summary>
    private async Task SeedBfdDownAsync(string id) => await fixture.WithDbAsync(async db =>
    {
        var h = await db.Hypervisors.SingleAsync(x => x.Id == id);
        var now = TimeProvider.System.GetUtcNowForStorage();
        h.TunnelStatus = TunnelStatuses.Disconnected;
        h.TunnelReason = "bfd_down";
        h.TunnelDetail = BfdDetail;
        h.TunnelSince = now.AddMinutes(-4);
        h.VpnAddress = Address;
        h.WgPublicKey = WgKey;
        h.AgentTunnel = JsonSerializer.Serialize(new AgentTunnelReport("wireguard+geneve", TunnelStatuses.Disconnected, "bfd_down", 12.4,
            1_572_864, 98_304, "down", "Control Detection Time Expired", "192.0.2.10:51820", 3), ApiJson.Options);
        h.AgentHeartbeatAt = now.AddSeconds(-20);
        h.Version++;
        HypervisorHistory.Record(db, TimeProvider.System, h, "vpn-node", "tunnel_disconnected", "bfd_down", BfdDetail);
        await db.SaveChangesAsync();
        return 0;
    });

    private async Task PublishConnectedAsync(string id)
    {
        var (row, evt) = await fixture.WithDbAsync(async db =>
        {
            var h = await db.Hypervisors.SingleAsync(x => x.Id == id);
            h.TunnelStatus = TunnelStatuses.Connected;
            h.TunnelReason = null;
            h.TunnelDetail = null;
            h.TunnelSince = TimeProvider.System.GetUtcNowForStorage();
            h.Version++;
            var e = HypervisorHistory.Record(db, TimeProvider.System, h, "vpn-node", "tunnel_connected", null, "wireguard+geneve tunnel up");
            await db.SaveChangesAsync();
            return (h.ToResponse(), e.ToResponse());
        });
        fixture.Services.GetRequiredService<ChangeFeed>().Publish(new ChangeNotification("hypervisor.changed", id, evt, row));
    }
}
