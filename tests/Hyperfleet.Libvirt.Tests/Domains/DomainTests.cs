using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;

namespace Hyperfleet.Libvirt.Tests.Domains;

public sealed class DomainTests : IDisposable
{
    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriver.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void ListAllDomains_TestDriver_ContainsBuiltInDomain()
    {
        var domains = _connection.ListAllDomains();
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
    public void ListAllDomains_InactiveFilter_ExcludesRunningAndIncludesDefined()
    {
        var name = TestDriver.UniqueName("list");
        using var defined = _connection.DefineDomain(TestDriver.MinimalDomainXml(name));
        try
        {
            var inactive = _connection.ListAllDomains(ListAllDomainsFlags.Inactive);
            try
            {
                Assert.Contains(inactive, d => d.Name == name);
                Assert.DoesNotContain(inactive, d => d.Name == TestDriver.BuiltInDomain);
            }
            finally
            {
                foreach (var domain in inactive)
                {
                    domain.Dispose();
                }
            }
        }
        finally
        {
            defined.Undefine();
        }
    }

    [Fact]
    public void LookupDomainByName_BuiltInDomain_IsRunningAndActive()
    {
        using var domain = _connection.LookupDomainByName(TestDriver.BuiltInDomain);

        Assert.Equal(TestDriver.BuiltInDomain, domain.Name);
        Assert.True(domain.IsActive);
        Assert.Equal(DomainState.Running, domain.GetState().State);
        Assert.True(Guid.TryParse(domain.UuidString, out _));
    }

    [Fact]
    public void LookupDomainByUuid_UuidOfBuiltInDomain_FindsTheSameDomain()
    {
        using var byName = _connection.LookupDomainByName(TestDriver.BuiltInDomain);

        using var byString = _connection.LookupDomainByUuid(byName.UuidString);
        using var byGuid = _connection.LookupDomainByUuid(Guid.Parse(byName.UuidString));

        Assert.Equal(TestDriver.BuiltInDomain, byString.Name);
        Assert.Equal(byName.UuidString, byGuid.UuidString);
    }

    [Fact]
    public void LookupDomainByName_Missing_ThrowsNoDomainNotTransient()
    {
        var error = Assert.Throws<LibvirtException>(() => _connection.LookupDomainByName("no-such-domain"));

        Assert.Equal(LibvirtErrorCode.NoDomain, error.Code);
        Assert.Equal(LibvirtErrorLevel.Error, error.Level);
        Assert.False(error.IsTransient);
        Assert.Equal("virDomainLookupByName", error.Operation);
        Assert.Contains("Domain not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LookupDomainByUuid_Missing_ThrowsNoDomain()
    {
        var error = Assert.Throws<LibvirtException>(() => _connection.LookupDomainByUuid(Guid.NewGuid()));

        Assert.Equal(LibvirtErrorCode.NoDomain, error.Code);
    }

    [Fact]
    public void DefineDomain_MinimalXml_GoesThroughStartDestroyUndefine()
    {
        var name = TestDriver.UniqueName("life");
        using var domain = _connection.DefineDomain(TestDriver.MinimalDomainXml(name));

        Assert.Equal(name, domain.Name);
        Assert.False(domain.IsActive);
        Assert.Equal(DomainState.Shutoff, domain.GetState().State);

        domain.Create();
        Assert.True(domain.IsActive);
        Assert.Equal(DomainState.Running, domain.GetState().State);

        domain.Destroy();
        Assert.False(domain.IsActive);
        Assert.Equal(DomainState.Shutoff, domain.GetState().State);

        domain.Undefine();
        var error = Assert.Throws<LibvirtException>(() => _connection.LookupDomainByName(name));
        Assert.Equal(LibvirtErrorCode.NoDomain, error.Code);
    }

    [Fact]
    public void Shutdown_RunningDomain_EndsShutoff()
    {
        var name = TestDriver.UniqueName("shut");
        using var domain = _connection.DefineDomain(TestDriver.MinimalDomainXml(name));
        try
        {
            domain.Create();

            domain.Shutdown();

            // The test driver completes a shutdown at once; real guests take their time.
            Assert.Equal(DomainState.Shutoff, domain.GetState().State);
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void Create_AlreadyRunning_ThrowsNonTransient()
    {
        var name = TestDriver.UniqueName("twice");
        using var domain = _connection.DefineDomain(TestDriver.MinimalDomainXml(name));
        try
        {
            domain.Create();

            var error = Assert.Throws<LibvirtException>(domain.Create);

            // The test driver reports an internal error here (QEMU: operation invalid); neither is retryable.
            Assert.Contains(domain.Name, error.Message, StringComparison.Ordinal);
            Assert.Equal(LibvirtErrorDomain.Test, error.Domain);
            Assert.False(error.IsTransient);
        }
        finally
        {
            domain.Destroy();
            domain.Undefine();
        }
    }

    [Fact]
    public void CreateDomain_TransientXml_RunsAndVanishesOnDestroy()
    {
        var name = TestDriver.UniqueName("transient");
        using var domain = _connection.CreateDomain(TestDriver.MinimalDomainXml(name));

        Assert.True(domain.IsActive);
        var transient = _connection.ListAllDomains(ListAllDomainsFlags.Transient);
        Assert.Contains(transient, d => d.Name == name);
        foreach (var listed in transient)
        {
            listed.Dispose();
        }

        domain.Destroy();

        var error = Assert.Throws<LibvirtException>(() => _connection.LookupDomainByName(name));
        Assert.Equal(LibvirtErrorCode.NoDomain, error.Code);
    }

    [Fact]
    public void DefineDomain_MalformedXml_ThrowsNonTransient()
    {
        var error = Assert.Throws<LibvirtException>(() => _connection.DefineDomain("<domain"));

        // Parse errors come as VIR_ERR_XML_DETAIL (35), with the parser's position in the message.
        Assert.Equal(LibvirtErrorCode.XmlDetail, error.Code);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void GetXmlDesc_DefinedDomain_ContainsNameAndUuid()
    {
        var name = TestDriver.UniqueName("xml");
        using var domain = _connection.DefineDomain(TestDriver.MinimalDomainXml(name));
        try
        {
            var xml = domain.GetXmlDesc(DomainXmlFlags.Inactive);

            Assert.Contains($"<name>{name}</name>", xml, StringComparison.Ordinal);
            Assert.Contains(domain.UuidString, xml, StringComparison.Ordinal);
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void GetState_AfterDispose_ThrowsObjectDisposed()
    {
        var domain = _connection.LookupDomainByName(TestDriver.BuiltInDomain);
        domain.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => domain.GetState());

        Assert.Equal(typeof(Domain).FullName, error.ObjectName);
    }

    [Fact]
    public void GetState_DomainOutlivesItsConnection_StillWorks()
    {
        // A domain reference holds its own native reference to the connection.
        using var connection = LibvirtConnection.Open(TestDriver.Uri);
        using var domain = connection.LookupDomainByName(TestDriver.BuiltInDomain);
        connection.Dispose();

        Assert.Equal(DomainState.Running, domain.GetState().State);
    }

    [Fact]
    public void UpdateDevice_DriverWithoutLiveUpdates_ThrowsNoSupport()
    {
        // The test driver has no device updates: the call reaches libvirt and its refusal comes back classified.
        using var domain = _connection.LookupDomainByName(TestDriver.BuiltInDomain);

        var error = Assert.Throws<LibvirtException>(() => domain.UpdateDevice("<graphics type='vnc' port='5900' passwd='x'/>"));

        Assert.Equal(LibvirtErrorCode.NoSupport, error.Code);
    }
}
