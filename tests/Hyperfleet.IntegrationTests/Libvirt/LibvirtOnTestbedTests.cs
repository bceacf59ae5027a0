using System.Globalization;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Libvirt;

namespace Hyperfleet.IntegrationTests.Libvirt;

/// <summary>The binding on a real remote libvirtd, the way the engine and desktops use it.</summary>
[Collection(TestbedCollection.Name)]
public sealed class LibvirtOnTestbedTests(TestbedFixture testbed)
{
    /// <summary>
    /// A classroom starting at once means many domain starts on one host's connection. libvirt 9.0's client, with
    /// keepalive on and several threads waiting for replies, lost keepalive answers and then crashed the process;
    /// the binding serializes round trips per connection so that this stays a non-event.
    /// </summary>
    [Fact]
    public async Task ParallelStarts_OverOneSshConnectionWithKeepalive_AllRunAndTheConnectionLives()
    {
        const int count = 8;
        using var connection = LibvirtConnection.Open(testbed.LibvirtUri("hv2") + "&no_tty=1");
        connection.SetKeepAlive(1, 2);
        var closed = false;
        connection.Closed += (_, _) => closed = true;
        var names = Enumerable.Range(0, count).Select(i => $"hftb-par-{Guid.NewGuid().ToString("N")[..8]}-{i}").ToList();
        try
        {
            await Task.WhenAll(names.Select((name, i) => Task.Run(() =>
            {
                using var domain = connection.CreateDomain(string.Create(CultureInfo.InvariantCulture,
                    $"<domain type='qemu'><name>{name}</name><memory unit='MiB'>48</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>" +
                    $"<devices><graphics type='vnc' port='{7700 + i}' listen='127.0.0.1'/></devices></domain>"));
                _ = connection.ListAllDomains().Select(d => { d.Dispose(); return 0; }).ToList();
            })));

            Assert.False(closed, "the connection was closed (keepalive) while starting domains");
            Assert.True(connection.IsAlive);
            var running = (await testbed.VirshAsync("hv2", "list", "--name")).EnsureSuccess().StandardOutput;
            Assert.All(names, n => Assert.Contains(n, running, StringComparison.Ordinal));
        }
        finally
        {
            foreach (var name in names)
            {
                await testbed.VirshAsync("hv2", "destroy", name);
            }
        }
    }
}
