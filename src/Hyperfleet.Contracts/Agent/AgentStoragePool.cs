namespace Hyperfleet.Contracts.Agent;

/// <summary>A storage pool a host uses, as its agent checks it.</summary>
/// <param name="Id">The pool's id.</param>
/// <param name="Mountpoint">Its mountpoint, the same path on every host (e.g. <c>/opt/isard</c>).</param>
public sealed record AgentStoragePool(string Id, string Mountpoint);
