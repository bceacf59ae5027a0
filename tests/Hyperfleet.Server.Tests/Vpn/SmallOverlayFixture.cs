using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>SQLite, with <c>Hyperfleet:Vpn:Network</c> (<c>WG_HYPERS_NET</c>) set as an operator would.</summary>
public sealed class SmallOverlayFixture(string network) : ApiFixture
{
    public override string Provider => "sqlite";

    protected override void Configure(Dictionary<string, string?> settings) => settings["Hyperfleet:Vpn:Network"] = network;

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);
}
