using Hyperfleet.Libvirt.Errors;

namespace Hyperfleet.Libvirt.Tests.Errors;

public class LibvirtExceptionTests
{
    [Theory]
    [InlineData(LibvirtErrorCode.SystemError, LibvirtErrorDomain.Rpc, true)]
    [InlineData(LibvirtErrorCode.Rpc, LibvirtErrorDomain.Remote, true)]
    [InlineData(LibvirtErrorCode.OperationTimeout, LibvirtErrorDomain.Qemu, true)]
    [InlineData(LibvirtErrorCode.InternalError, LibvirtErrorDomain.Rpc, true)]
    [InlineData(LibvirtErrorCode.InternalError, LibvirtErrorDomain.Remote, true)]
    [InlineData(LibvirtErrorCode.LibSsh, LibvirtErrorDomain.LibSsh, true)]
    [InlineData(LibvirtErrorCode.ResourceBusy, LibvirtErrorDomain.Qemu, true)]
    [InlineData(LibvirtErrorCode.InternalError, LibvirtErrorDomain.Qemu, false)]
    [InlineData(LibvirtErrorCode.NoDomain, LibvirtErrorDomain.Qemu, false)]
    [InlineData(LibvirtErrorCode.InvalidArg, LibvirtErrorDomain.Remote, false)]
    [InlineData(LibvirtErrorCode.AuthFailed, LibvirtErrorDomain.Ssh, false)]
    [InlineData(LibvirtErrorCode.AuthUnavailable, LibvirtErrorDomain.Auth, false)]
    [InlineData(LibvirtErrorCode.OperationInvalid, LibvirtErrorDomain.Qemu, false)]
    [InlineData(LibvirtErrorCode.NoConnect, LibvirtErrorDomain.None, false)]
    [InlineData(LibvirtErrorCode.AccessDenied, LibvirtErrorDomain.Access, false)]
    public void IsTransient_CodeAndDomain_SaysWhetherARetryCanHelp(LibvirtErrorCode code, LibvirtErrorDomain domain, bool expected)
    {
        var error = new LibvirtException(code, domain, LibvirtErrorLevel.Error, "m");

        Assert.Equal(expected, error.IsTransient);
        Assert.Equal(expected, LibvirtException.IsTransientError(code, domain));
    }

    [Fact]
    public void Constructor_LibvirtError_KeepsEveryPart()
    {
        var error = new LibvirtException(
            LibvirtErrorCode.NoDomain, LibvirtErrorDomain.Qemu, LibvirtErrorLevel.Warning, "gone", "virDomainLookupByName");

        Assert.Equal(LibvirtErrorCode.NoDomain, error.Code);
        Assert.Equal(LibvirtErrorDomain.Qemu, error.Domain);
        Assert.Equal(LibvirtErrorLevel.Warning, error.Level);
        Assert.Equal("gone", error.Message);
        Assert.Equal("virDomainLookupByName", error.Operation);
    }

    [Fact]
    public void Code_UnnamedLibvirtValue_IsKeptNumerically()
    {
        var error = new LibvirtException((LibvirtErrorCode)110, (LibvirtErrorDomain)72, LibvirtErrorLevel.Error, "m");

        Assert.Equal(110, (int)error.Code);
        Assert.Equal(72, (int)error.Domain);
    }
}
