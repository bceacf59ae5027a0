namespace Hyperfleet.Server.Engine;

/// <summary>Connects to a hypervisor and proves it usable; throws <see cref="HypervisorUnavailableException"/> with a reason otherwise.</summary>
public interface IHypervisorConnector
{
    Task<IHypervisorSession> ConnectAsync(HypervisorTarget target, CancellationToken ct);
}
