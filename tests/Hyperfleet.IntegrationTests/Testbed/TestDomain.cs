using System.Globalization;

namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>
/// A 64 MiB domain with an empty qcow2 disk on the shared storage and VNC on 0.0.0.0, started on one
/// testbed host. Disposing destroys and undefines it and deletes its disk.
/// </summary>
public sealed class TestDomain : IAsyncDisposable
{
    private readonly TestbedFixture _testbed;
    private readonly string _xmlPath;

    private TestDomain(TestbedFixture testbed, string host, string name)
    {
        _testbed = testbed;
        Host = host;
        Name = name;
        DiskPath = Path.Combine(testbed.StoragePath, name + ".qcow2");
        _xmlPath = Path.Combine(Path.GetTempPath(), name + ".xml");
    }

    public string Host { get; }

    public string Name { get; }

    public string DiskPath { get; }

    public static async Task<TestDomain> StartAsync(TestbedFixture testbed, string host)
    {
        var domain = new TestDomain(testbed, host, "hftb-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await domain.CreateAsync();
            return domain;
        }
        catch
        {
            await domain.DisposeAsync();
            throw;
        }
    }

    /// <summary>The VNC port libvirt gave the domain (5900 + display).</summary>
    public async Task<int> VncPortAsync()
    {
        var display = (await _testbed.VirshAsync(Host, "vncdisplay", Name)).EnsureSuccess().StandardOutput.Trim();
        return 5900 + int.Parse(display[(display.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        // Best effort: the host may be cut or torn down by the test itself.
        await _testbed.VirshAsync(Host, "destroy", Name);
        await _testbed.VirshAsync(Host, "undefine", Name);
        File.Delete(DiskPath);
        File.Delete(_xmlPath);
    }

    private async Task CreateAsync()
    {
        (await CommandRunner.RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", DiskPath, "64M"])).EnsureSuccess();
        var type = _testbed.KvmAvailable ? "kvm" : "qemu";
        await File.WriteAllTextAsync(_xmlPath, $"""
            <domain type='{type}'>
              <name>{Name}</name>
              <memory unit='MiB'>64</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='{DiskPath}'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <graphics type='vnc' autoport='yes' listen='0.0.0.0'/>
              </devices>
            </domain>
            """);
        (await _testbed.VirshAsync(Host, "define", _xmlPath)).EnsureSuccess();
        (await _testbed.VirshAsync(Host, "start", Name)).EnsureSuccess();
    }
}
