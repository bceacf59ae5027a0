namespace Hyperfleet.Server.Data;

/// <summary>Which database the server uses, for the start banner and diagnostics (no secrets).</summary>
public sealed record DatabaseInfo(string Provider, string Location);
