namespace Hyperfleet.Server.Engine;

/// <summary>Why a hypervisor is not usable: a stable reason code and the underlying message.</summary>
public sealed class HypervisorUnavailableException(string reason, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Reason { get; } = reason;
}
