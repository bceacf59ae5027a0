using Hyperfleet.Libvirt.Events;

namespace Hyperfleet.Libvirt.Tests.Events;

public class LibvirtEventLoopTests
{
    [Fact]
    public void EnsureStarted_CalledRepeatedlyAndConcurrently_StartsOnce()
    {
        Parallel.For(0, 16, _ => LibvirtEventLoop.EnsureStarted());

        Assert.True(LibvirtEventLoop.IsRunning);
        Assert.False(LibvirtEventLoop.IsEventLoopThread);
    }
}
