using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Ssh;

/// <summary>Pin changes land on the row and in its history; runs once per database provider.</summary>
public abstract class HostKeyPinsTests(ApiFixture fixture)
{
    private HostKeyPins Pins => fixture.Services.GetRequiredService<HostKeyPins>();

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private Task<string?> PinOfAsync(string id) =>
        fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id).Select(h => h.SshHostKey).SingleAsync());

    private Task<List<(string Actor, string? Detail)>> PinEventsAsync(string id) =>
        fixture.WithDbAsync(async db => (await db.HypervisorEvents.Where(e => e.HypervisorId == id && e.Kind == HostKeyPins.EventKind)
            .OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Actor, e.Detail)).ToList());

    [Fact]
    public async Task PinIfUnpinnedAsync_NothingPinned_PinsAndRecordsTheFirstConnection()
    {
        using var admin = fixture.Admin();
        var id = NewId("tofu");
        await admin.AddAsync(id, "10.0.0.21");
        var key = SshTestKeys.RandomHostKey();

        Assert.True(await Pins.PinIfUnpinnedAsync(id, key));

        Assert.Equal(key, await PinOfAsync(id));
        Assert.Equal([("engine", "first connection: " + HostKeyFingerprint.Sha256(key))], await PinEventsAsync(id));
    }

    [Fact]
    public async Task PinIfUnpinnedAsync_AlreadyPinned_KeepsThePinAndWritesNothing()
    {
        using var admin = fixture.Admin();
        var id = NewId("kept");
        await admin.AddAsync(id, "10.0.0.22");
        var first = SshTestKeys.RandomHostKey();
        await Pins.PinIfUnpinnedAsync(id, first);

        Assert.False(await Pins.PinIfUnpinnedAsync(id, SshTestKeys.RandomHostKey()));

        Assert.Equal(first, await PinOfAsync(id));
        Assert.Single(await PinEventsAsync(id));
    }

    [Fact]
    public async Task PinIfUnpinnedAsync_UnknownHypervisor_ReturnsFalse() =>
        Assert.False(await Pins.PinIfUnpinnedAsync(NewId("nobody"), SshTestKeys.RandomHostKey()));

    [Fact]
    public async Task PinForHostAsync_PinsEveryHypervisorAtThatHostAndPortOnly()
    {
        using var admin = fixture.Admin();
        var host = $"pin-{Guid.NewGuid().ToString("N")[..8]}.example.org";
        var (a, b, otherPort) = (NewId("a"), NewId("b"), NewId("p"));
        await admin.AddAsync(a, host);
        await admin.AddAsync(b, host.ToUpperInvariant());
        await admin.AddAsync(otherPort, host, ""","ssh_port":22""");
        var key = SshTestKeys.RandomHostKey();

        var pinned = await Pins.PinForHostAsync(host, 2022, key, "alice", CancellationToken.None);

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), pinned.Order(StringComparer.Ordinal));
        Assert.Null(await PinOfAsync(otherPort));
        var events = await PinEventsAsync(a);
        Assert.Equal("alice", Assert.Single(events).Actor);
        Assert.Contains(HostKeyFingerprint.Sha256(key)!, events[0].Detail, StringComparison.Ordinal);

        Assert.Empty(await Pins.PinForHostAsync(host, 2022, key, "alice", CancellationToken.None));
        Assert.Single(await PinEventsAsync(a));
    }

    [Fact]
    public async Task PinForHostAsync_DifferentKey_ReplacesThePinAndShowsBothFingerprints()
    {
        using var admin = fixture.Admin();
        var id = NewId("re");
        var host = $"re-{Guid.NewGuid().ToString("N")[..8]}.example.org";
        await admin.AddAsync(id, host);
        var (old, now) = (SshTestKeys.RandomHostKey(), SshTestKeys.RandomHostKey());
        await Pins.PinIfUnpinnedAsync(id, old);

        await Pins.PinForHostAsync(host, 2022, now, "alice", CancellationToken.None);

        Assert.Equal(now, await PinOfAsync(id));
        Assert.Equal($"pinned by alice with add-ssh-key: {HostKeyFingerprint.Sha256(old)} → {HostKeyFingerprint.Sha256(now)}",
            (await PinEventsAsync(id))[^1].Detail);
    }
}

public sealed class HostKeyPinsTestsOnSqlite(SqliteApiFixture fixture) : HostKeyPinsTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class HostKeyPinsTestsOnPostgres(PostgresApiFixture fixture) : HostKeyPinsTests(fixture), IClassFixture<PostgresApiFixture>;
