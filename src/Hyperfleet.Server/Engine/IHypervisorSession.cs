namespace Hyperfleet.Server.Engine;

/// <summary>A live connection to one hypervisor, from proof of health until it is lost or disposed.</summary>
public interface IHypervisorSession : IAsyncDisposable
{
    HypervisorFacts Facts { get; }

    /// <summary>Completes with the reason once the connection is lost (keepalive, EOF, …); never faults.</summary>
    Task<HypervisorUnavailableException> Lost { get; }

    Task<HypervisorSample> SampleAsync(CancellationToken ct);
}
