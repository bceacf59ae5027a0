using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;

namespace Hyperfleet.Libvirt.Tests;

public class LibvirtConnectionTests
{
    [Fact]
    public void Open_TestDriver_IsAliveAndKeepsUri()
    {
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        Assert.True(connection.IsAlive);
        Assert.Equal(TestDriver.Uri, connection.Uri);
        Assert.Null(connection.CloseReason);
    }

    [Fact]
    public void Open_GarbageUri_ThrowsNamingTheUri()
    {
        var error = Assert.Throws<LibvirtException>(() => LibvirtConnection.Open("nosuch:///x"));

        // Libvirt does not reject an unknown scheme itself: it hands the URI to the local daemon,
        // which answers "no connection driver available"; with no daemon, connecting to its socket fails.
        Assert.Contains(error.Code, new[] { LibvirtErrorCode.NoConnect, LibvirtErrorCode.SystemError });
        Assert.StartsWith("Cannot open libvirt connection 'nosuch:///x': ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > "Cannot open libvirt connection 'nosuch:///x': ".Length + 10, error.Message);
        Assert.Equal("virConnectOpenAuth", error.Operation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Open_BlankUri_ThrowsArgumentException(string uri)
    {
        Assert.ThrowsAny<ArgumentException>(() => LibvirtConnection.Open(uri));
    }

    [Fact]
    public async Task Dispose_Twice_DoesNotThrow()
    {
        var connection = LibvirtConnection.Open(TestDriver.Uri);

        connection.Dispose();
        connection.Dispose();
        await connection.DisposeAsync();
    }

    [Fact]
    public void GetHostname_AfterDispose_ThrowsObjectDisposed()
    {
        var connection = LibvirtConnection.Open(TestDriver.Uri);
        connection.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(connection.GetHostname);

        Assert.Equal(typeof(LibvirtConnection).FullName, error.ObjectName);
    }

    [Fact]
    public void DefineDomain_ReadOnlyConnection_ThrowsOperationDenied()
    {
        using var connection = LibvirtConnection.Open(TestDriver.Uri, readOnly: true);

        var error = Assert.Throws<LibvirtException>(
            () => connection.DefineDomain(TestDriver.MinimalDomainXml(TestDriver.UniqueName("ro"))));

        Assert.Equal(LibvirtErrorCode.OperationDenied, error.Code);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void ListAllDomains_ReadOnlyConnection_StillLists()
    {
        using var connection = LibvirtConnection.Open(TestDriver.Uri, readOnly: true);

        var domains = connection.ListAllDomains();
        try
        {
            Assert.Contains(domains, d => d.Name == TestDriver.BuiltInDomain);
        }
        finally
        {
            foreach (var domain in domains)
            {
                domain.Dispose();
            }
        }
    }

    [Fact]
    public void SetKeepAlive_TestDriver_ThrowsNoSupport()
    {
        // Keepalive is a property of the RPC transport; local drivers have none. Remote URIs are
        // exercised by the integration tests.
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        var error = Assert.Throws<LibvirtException>(() => connection.SetKeepAlive(1, 2));

        Assert.Equal(LibvirtErrorCode.NoSupport, error.Code);
    }

    [Fact]
    public void SetKeepAlive_NegativeCount_ThrowsArgumentOutOfRange()
    {
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        Assert.Throws<ArgumentOutOfRangeException>(() => connection.SetKeepAlive(1, -1));
    }

    [Fact]
    public void Closed_SubscribedThenDisposed_IsNotRaised()
    {
        var raised = 0;
        var connection = LibvirtConnection.Open(TestDriver.Uri);
        connection.Closed += (_, _) => Interlocked.Increment(ref raised);

        connection.Dispose();

        Assert.Equal(0, Volatile.Read(ref raised));
        Assert.Null(connection.CloseReason);
    }

    [Fact]
    public void Open_ManyConnectionsAbandonedWithoutDispose_AreFinalizedSafely()
    {
        // The close-callback registration must not keep an abandoned connection alive, and its
        // finalizer path (unregister, then close) must not crash.
        for (var i = 0; i < 20; i++)
        {
            _ = LibvirtConnection.Open(TestDriver.Uri);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var connection = LibvirtConnection.Open(TestDriver.Uri);
        Assert.True(connection.IsAlive);
    }

    [Fact]
    public void LookupDomainByName_Concurrently_AllSucceed()
    {
        using var connection = LibvirtConnection.Open(TestDriver.Uri);

        Parallel.For(0, 64, _ =>
        {
            using var domain = connection.LookupDomainByName(TestDriver.BuiltInDomain);
            Assert.Equal(DomainState.Running, domain.GetState().State);
        });
    }
}
