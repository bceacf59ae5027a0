namespace Hyperfleet.Contracts.Ports;

/// <summary>Shell commands that open one host's firewall for one hypervisor, in one dialect, for one kind of deployment.</summary>
/// <param name="Host">The host to run the commands on.</param>
/// <param name="Dialect">The firewall tool they are written for.</param>
/// <param name="Deployment">Native install (accept rules) or containers (forwarding rules to <c>DOCKER_NET</c> addresses).</param>
/// <param name="Commands">The commands, one per line, in order; only rows that apply to the hypervisor contribute.</param>
/// <param name="Notes">What an admin should know before running them (persistence, zones, source restriction).</param>
public sealed record FirewallCommandSet(
    FirewallHost Host,
    FirewallDialect Dialect,
    FirewallDeployment Deployment,
    IReadOnlyList<string> Commands,
    IReadOnlyList<string> Notes);
