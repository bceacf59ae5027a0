using System.Net;
using System.Net.Sockets;
using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Networking;

/// <summary>
/// Turns the applicable rows of a port table into firewall command sets for each host, deployment and dialect.
/// Native installs accept the ports; container deployments forward them to the <c>DOCKER_NET</c> container that serves
/// them. A rule is limited to its peer's address when that address is known as an IP literal.
/// </summary>
internal static class FirewallCommandWriter
{
    private static readonly FirewallHost[] Hosts = [FirewallHost.ControlPlane, FirewallHost.Hypervisor];
    private static readonly FirewallDeployment[] Deployments = [FirewallDeployment.Native, FirewallDeployment.Container];
    private static readonly FirewallDialect[] Dialects = [FirewallDialect.Iptables, FirewallDialect.Firewalld];

    public static IReadOnlyList<FirewallCommandSet> Build(PortPlanInput input, IReadOnlyList<PortRequirement> rows)
    {
        var peers = new Peers(
            Hypervisor: SourceAddress(input.Hostname),
            ControlPlane: input.Settings.ControlPlaneAddress is { } cp ? SourceAddress(cp) : null);
        var sets = new List<FirewallCommandSet>();
        foreach (var host in Hosts)
        {
            var applicable = rows.Where(r => r.Applies && r.OpenOn == host).ToList();
            foreach (var deployment in Deployments)
            {
                foreach (var dialect in Dialects)
                {
                    sets.Add(BuildSet(input, applicable, peers, host, deployment, dialect));
                }
            }
        }
        return sets;
    }

    private static FirewallCommandSet BuildSet(
        PortPlanInput input, List<PortRequirement> rows, Peers peers,
        FirewallHost host, FirewallDeployment deployment, FirewallDialect dialect)
    {
        var container = deployment == FirewallDeployment.Container;
        var dockerNet = input.Settings.DockerNet;
        var toAddress = host == FirewallHost.ControlPlane ? ContainerAddresses.Vpn(dockerNet) : ContainerAddresses.Hypervisor(dockerNet);
        var commands = new List<string>();
        var notes = new List<string>(SourceNotes(input, rows, peers, host, container));
        // The containers have IPv4 addresses: an IPv4 DNAT rule can never match an IPv6 source, so drop such sources.
        var usable = container ? new Peers(Ipv4Only(peers.Hypervisor), Ipv4Only(peers.ControlPlane)) : peers;

        foreach (var row in rows)
        {
            if (container && row.Key == PortRequirementKeys.AgentApi)
            {
                notes.Add($"No forwarding rule for the agent API ({row.Ports}/tcp): publish it from the control plane's container, as for the web UI.");
                continue;
            }
            var source = row.From switch
            {
                PortEndpoint.Hypervisor => usable.Hypervisor,
                PortEndpoint.ControlPlane => usable.ControlPlane,
                _ => null,
            };
            var opening = container
                ? new FirewallOpening(row.Protocol, row.FirstPort, row.LastPort, source, toAddress, ContainerPort(row))
                : new FirewallOpening(row.Protocol, row.FirstPort, row.LastPort, source, null, null);
            var command = dialect == FirewallDialect.Iptables ? IptablesCommands.Write(opening) : FirewalldCommands.Write(opening);
            if (!commands.Contains(command))
            {
                commands.Add(command);
            }
        }
        if (dialect == FirewallDialect.Firewalld)
        {
            commands.Add(FirewalldCommands.Reload);
        }

        notes.AddRange(DialectNotes(deployment, dialect));
        if (container)
        {
            notes.Add(host == FirewallHost.ControlPlane
                ? $"DOCKER_NET is {dockerNet}: the VPN container is {toAddress}. Check with docker network inspect."
                : $"DOCKER_NET is {dockerNet}: the hypervisor container is {toAddress}, and its sshd listens on {ContainerAddresses.HypervisorContainerSshPort}. Check with docker network inspect.");
        }
        return new FirewallCommandSet(host, dialect, deployment, commands, notes);
    }

    private static IEnumerable<string> SourceNotes(PortPlanInput input, List<PortRequirement> rows, Peers peers, FirewallHost host, bool container)
    {
        var toControlPlane = host == FirewallHost.ControlPlane;
        var peer = toControlPlane ? peers.Hypervisor : peers.ControlPlane;
        var peerName = toControlPlane ? "the hypervisor" : "the control plane";
        var fromPeer = rows
            .Where(r => r.From != PortEndpoint.Clients && !(container && r.Key == PortRequirementKeys.AgentApi))
            .Select(r => r.TrafficType)
            .ToList();
        if (fromPeer.Count > 0)
        {
            var what = string.Join(", ", fromPeer);
            if (peer is null)
            {
                yield return toControlPlane
                    ? $"The hypervisor's hostname {input.Hostname} is a DNS name, so the rules for {what} accept any source: limit them to its address (iptables resolves a name only once; firewalld needs an address)."
                    : $"The control plane's address is not known as an IP address (ControlPlaneAddress), so the rules for {what} accept any source: limit them to it.";
            }
            else if (container && Ipv4Only(peer) is null)
            {
                yield return $"Forwarding to the containers is IPv4 only, so the rules for {what} cannot be limited to {peer}, {peerName}'s address: they accept any IPv4 source.";
            }
            else
            {
                yield return toControlPlane
                    ? $"The rules for {what} accept only {peer}, the hypervisor's hostname; if it reaches the control plane through NAT, use the address it comes from instead."
                    : $"The rules for {what} accept only {peer}, the control plane's address.";
            }
        }
        if (rows.Any(r => r.From == PortEndpoint.Clients))
        {
            yield return "The viewer ports are open to every source, since viewers connect from anywhere.";
        }
    }

    private static IEnumerable<string> DialectNotes(FirewallDeployment deployment, FirewallDialect dialect)
    {
        if (dialect == FirewallDialect.Iptables)
        {
            if (deployment == FirewallDeployment.Native)
            {
                yield return "-A appends to INPUT: if the chain ends with a catch-all REJECT or DROP rule, insert with -I INPUT instead.";
            }
            else
            {
                yield return "If Docker's FORWARD policy drops the forwarded traffic, accept it in the DOCKER-USER chain.";
            }
            yield return "iptables rules are lost at reboot unless saved (iptables-save; e.g. netfilter-persistent save).";
            yield break;
        }
        yield return "The rules go to the default zone; add --zone=<zone> when the interface facing the other host is in another zone.";
        yield return "Permanent rules take effect at firewall-cmd --reload, the last command.";
    }

    private static IPAddress? Ipv4Only(IPAddress? address) =>
        address?.AddressFamily == AddressFamily.InterNetwork ? address : null;

    private static int? ContainerPort(PortRequirement row) =>
        row.Key == PortRequirementKeys.SshControl ? ContainerAddresses.HypervisorContainerSshPort
        : row.FirstPort == row.LastPort ? row.FirstPort
        : null;

    /// <summary>The address a peer's traffic comes from, when its hostname is an IP literal; IPv4-mapped IPv6 counts as IPv4.</summary>
    private static IPAddress? SourceAddress(string hostname)
    {
        var address = HostnameRule.LiteralAddress(hostname);
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        // A zone id names an interface of the host that wrote the hostname, not of the host running the rule.
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address.ScopeId = 0;
        }
        return address;
    }

    private sealed record Peers(IPAddress? Hypervisor, IPAddress? ControlPlane);
}
