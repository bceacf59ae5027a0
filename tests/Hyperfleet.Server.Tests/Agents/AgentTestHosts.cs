using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Agents;

/// <summary>What a host's agent sends, made up for API tests: a fresh ed25519 host key and settings.</summary>
internal static class AgentTestHosts
{
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>An OpenSSH ed25519 public key line with a random key (as in /etc/ssh/ssh_host_ed25519_key.pub).</summary>
    public static string NewHostKey()
    {
        var type = "ssh-ed25519"u8.ToArray();
        var blob = new byte[4 + type.Length + 4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)type.Length);
        type.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + type.Length), 32);
        RandomNumberGenerator.Fill(blob.AsSpan(8 + type.Length));
        return "ssh-ed25519 " + Convert.ToBase64String(blob) + " root@test";
    }

    public static AgentRegistrationRequest Registration(string? token, string id, string hostKey, bool hypervisor = true, bool disk = true) =>
        new(token, new AddHypervisorRequest(id, $"{id}.example.org", Capabilities: new CapabilitiesInput(hypervisor, disk),
            Flavour: "hypervisor-standalone", VpnTunnelingMode: "geneve"), hostKey, "1.2.3");

    public static AgentChecksRequest Checks(params (string Name, bool Ok)[] checks) =>
        new("1.2.3", checks.Select(c => new AgentCheck(c.Name, c.Ok, c.Ok ? "fine" : $"{c.Name} is broken")).ToList());

    public static async Task<EnrollmentTokenResponse> CreateTokenAsync(HttpClient admin, string body = "{}") =>
        await (await admin.PostRawAsync("/api/v1/enrollment-tokens", body)).OkAsync<EnrollmentTokenResponse>(HttpStatusCode.Created);
}
