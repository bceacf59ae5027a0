namespace Hyperfleet.Bench.Join;

/// <summary>One way of bringing N hosts Online, measured: per host seconds from the start to Online, and where the time went.</summary>
public sealed record JoinRun(
    string Method,
    IReadOnlyList<double> SecondsToOnline,
    int Failures,
    double AllOnlineSeconds,
    double ControlPlaneCpuSeconds,
    double HostSideCpuSeconds,
    IReadOnlyDictionary<string, IReadOnlyList<double>> PhaseSeconds);
