using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Tests.Ssh;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Engine;

/// <summary>
/// What Hyperfleet's known_hosts holds while hosts connect side by side: libvirt's ssh reads it for every later
/// connection (start lanes), so a host whose key was accepted must stay in it. Runs once per database provider.
/// </summary>
public abstract class KnownHostsSyncTests(ApiFixture fixture) : IDisposable
{
    private readonly string dataDir = SshTestKeys.NewDataDir();

    public void Dispose()
    {
        Directory.Delete(dataDir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static string NewHost() => $"kh-{Guid.NewGuid().ToString("N")[..8]}.example.org";

    private static string Line(string host, string key) => ControlPlaneKeys.KnownHostsName(host, 2022) + " " + key;

    private static async Task<string[]> SyncAsync(ControlPlaneKeys keys, KnownHostsSync sync, SshTarget? presented)
    {
        await sync.SyncAsync(presented, CancellationToken.None);
        return await File.ReadAllLinesAsync(keys.KnownHostsPath);
    }

    [Fact]
    public async Task TwoHostsConnectingAtOnce_BothKeysStay_UntilAndAfterTheirPinsAreWritten()
    {
        using var keys = SshTestKeys.Keys(dataDir);
        using var sync = new KnownHostsSync(fixture.Services.GetRequiredService<IServiceScopeFactory>(), keys);
        using var admin = fixture.Admin();
        var (hostA, hostB) = (NewHost(), NewHost());
        var (idA, idB) = ("kha-" + hostA[3..11], "khb-" + hostB[3..11]);
        await admin.AddAsync(idA, hostA);
        await admin.AddAsync(idB, hostB);
        var (keyA, keyB) = (SshTestKeys.RandomHostKey(), SshTestKeys.RandomHostKey());

        // A's key is accepted first; B connects before A's pin reaches the database.
        await SyncAsync(keys, sync, new SshTarget(hostA, 2022, "root", keyA));
        var afterB = await SyncAsync(keys, sync, new SshTarget(hostB, 2022, "root", keyB));

        Assert.Contains(Line(hostA, keyA), afterB);
        Assert.Contains(Line(hostB, keyB), afterB);

        var pins = fixture.Services.GetRequiredService<HostKeyPins>();
        Assert.True(await pins.PinIfUnpinnedAsync(idA, keyA));
        Assert.True(await pins.PinIfUnpinnedAsync(idB, keyB));
        var afterPins = await SyncAsync(keys, sync, null);

        Assert.Contains(Line(hostA, keyA), afterPins);
        Assert.Contains(Line(hostB, keyB), afterPins);
    }

    [Fact]
    public async Task PresentedKey_OnceTheDatabaseHoldsAnotherPin_ThePinRules()
    {
        using var keys = SshTestKeys.Keys(dataDir);
        using var sync = new KnownHostsSync(fixture.Services.GetRequiredService<IServiceScopeFactory>(), keys);
        using var admin = fixture.Admin();
        var host = NewHost();
        var id = "khp-" + host[3..11];
        await admin.AddAsync(id, host);
        var (presented, pinned) = (SshTestKeys.RandomHostKey(), SshTestKeys.RandomHostKey());
        await SyncAsync(keys, sync, new SshTarget(host, 2022, "root", presented));

        // An admin pins a different key (say, read from the host's console) before the engine's pin lands.
        await fixture.Services.GetRequiredService<HostKeyPins>().PinIfUnpinnedAsync(id, pinned);
        var lines = await SyncAsync(keys, sync, null);

        Assert.Contains(Line(host, pinned), lines);
        Assert.DoesNotContain(Line(host, presented), lines);
    }
}

public sealed class KnownHostsSyncTestsOnSqlite(SqliteApiFixture fixture) : KnownHostsSyncTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class KnownHostsSyncTestsOnPostgres(PostgresApiFixture fixture) : KnownHostsSyncTests(fixture), IClassFixture<PostgresApiFixture>;
