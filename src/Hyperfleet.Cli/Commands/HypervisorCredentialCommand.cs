using Hyperfleet.Core.Configuration;
using System.CommandLine;
using Hyperfleet.Agent;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Hypervisors;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary>
/// <c>hypervisor credential ID [-o FILE] [--revoke]</c>: the credential a hypervisor's own video proxy acts with. It is
/// shown once (only its hash is kept) and replaces the previous one.
/// </summary>
public static class HypervisorCredentialCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Hypervisor id" };
        var output = new Option<string?>("--output", "-o") { Description = "Write it to this file (mode 0600) instead of printing it" };
        var revoke = new Option<bool>("--revoke") { Description = "Revoke its credential instead: whatever holds it is refused from now on" };
        var command = new Command("credential",
            "A credential that acts only for this hypervisor (its own video proxy): shown once, replaces the previous one")
        {
            id, output, revoke,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var hypervisor = parse.GetValue(id)!;
            var path = $"api/v1/hypervisors/{Uri.EscapeDataString(hypervisor)}/credential";
            if (parse.GetValue(revoke))
            {
                await client.SendAsync(HttpMethod.Delete, path, null, ct);
                Render.Done($"{hypervisor}: credential revoked");
                return 0;
            }
            var answer = await client.SendAsync(HttpMethod.Post, path, null, ct);
            var credential = ApiClient.Deserialize<HypervisorCredentialResponse>(answer);
            if (parse.GetValue(output) is { } file)
            {
                await PrivateFile.WriteAllTextAsync(file, credential.Credential + "\n", ct);
                Render.Done($"{hypervisor}: credential written to {Markup.Escape(file)}; copy it to the host (e.g. /etc/hyperfleet/credential, mode 0600)");
                return 0;
            }
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
                return 0;
            }
            Console.Out.WriteLine(credential.Credential);
            return 0;
        });
        return command;
    }
}
