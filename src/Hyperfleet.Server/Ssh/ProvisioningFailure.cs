namespace Hyperfleet.Server.Ssh;

/// <summary>
/// Why provisioning stopped: a reason code (<c>ssh_unreachable</c>, <c>ssh_auth_failed</c>, <c>libvirt_down</c>, …),
/// a message for the admin, the steps that did succeed, and the host key when the host got as far as presenting one.
/// </summary>
public sealed record ProvisioningFailure(string Code, string Message, IReadOnlyList<string> Steps, string? HostKey = null);
