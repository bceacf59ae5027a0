using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.SshKeys;

namespace Hyperfleet.Cli.Commands;

/// <summary>The control plane's SSH key: show it, install it with a password, re-pin a host key.</summary>
public static class SshKeyCommands
{
    /// <summary><c>hyperfleet ssh-key</c>: prints the public key, to install by hand.</summary>
    public static Command Show()
    {
        var command = new Command("ssh-key", "Print the control plane's SSH public key (to add to a hypervisor's authorized_keys by hand)");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync("api/v1/ssh-key", ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
                return 0;
            }
            var key = ApiClient.Deserialize<SshPublicKeyResponse>(answer);
            Console.WriteLine(key.PublicKey);
            Console.Error.WriteLine($"# {key.Fingerprint}");
            return 0;
        });
        return command;
    }

    /// <summary><c>hyperfleet hypervisor add-ssh-key --host H</c>: the seed's add-hypervisor.sh, done properly.</summary>
    public static Command Install()
    {
        var host = new Option<string>("--host") { Description = "DNS name or IP of the hypervisor", Required = true };
        var port = new Option<int>("--port") { Description = "SSH port", DefaultValueFactory = _ => 22 };
        var user = new Option<string>("--user") { Description = "SSH user", DefaultValueFactory = _ => "root" };
        var command = new Command("add-ssh-key",
            "Install the control plane's SSH key on a host with its password (from $PASSWORD or a prompt, never an argument)") { host, port, user };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var password = Environment.GetEnvironmentVariable("PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                try
                {
                    password = Prompt.Secret($"Password for {parse.GetValue(user)}@{parse.GetValue(host)}: ");
                }
                catch (CliException e) when (e.ExitCode == ExitCodes.Usage)
                {
                    throw new CliException("no password given (set PASSWORD or type it at the prompt)", ExitCodes.Usage);
                }
            }
            var request = new InstallSshKeyRequest(parse.GetValue(host), parse.GetValue(port), parse.GetValue(user), password);
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/ssh-keys/install", request, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
                return 0;
            }
            var result = ApiClient.Deserialize<InstallSshKeyResponse>(answer);
            foreach (var step in result.Steps)
            {
                Render.Done(step);
            }
            Console.WriteLine($"Host key of {result.Host}:{result.Port}: {result.Fingerprint}");
            if (result.PinnedOn.Count == 0)
            {
                Console.WriteLine($"Now add it: hyperfleet hypervisor add ID --hostname {result.Host} --ssh-port {result.Port}");
            }
            return 0;
        });
        return command;
    }

    /// <summary><c>hyperfleet hypervisor repin-host-key ID</c>.</summary>
    public static Command Repin()
    {
        var id = HypervisorCommands.IdArgument();
        var command = new Command("repin-host-key", "Trust the host key the hypervisor presents now (only after a change you know about)") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, $"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}/repin-host-key", null, ct);
            HypervisorCommands.Output(parse, client, answer, h => Render.Done($"{h.Id}: host key pinned ({h.SshHostKeyFingerprint})"));
            return 0;
        });
        return command;
    }
}
