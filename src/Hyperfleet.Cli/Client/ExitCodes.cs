namespace Hyperfleet.Cli.Client;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int Unauthenticated = 4;
    public const int NotFound = 5;
    public const int Conflict = 6;
}
