using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet hypervisor add</c> and <c>edit</c>: the fields of the seeds' "Add hypervisor" form.</summary>
public static class HypervisorAddCommand
{
    private sealed record Fields(
        Option<string?> Hostname, Option<string?> Description, Option<int?> SshPort, Option<string?> SshUser,
        Option<string?> Type, Option<string?> Flavour, Option<string?> Mode,
        Option<string?> StaticHost, Option<string?> ProxyVideoHost, Option<string?> ProxyHyperHost,
        Option<int?> SpicePort, Option<int?> Html5Port, Option<bool?> OnlyForced, Option<int?> MinFreeMem, Option<int?> Mtu)
    {
        public static Fields Make(bool hostnameRequired) => new(
            new("--hostname") { Description = "DNS name or IP the control plane reaches it at", Required = hostnameRequired },
            new("--description") { Description = "Free text" },
            new("--ssh-port") { Description = "SSH port (default 2022)" },
            new("--ssh-user") { Description = "SSH user (default root)" },
            new Option<string?>("--type") { Description = "mixed (default), pure-hypervisor or pure-disk" }.AcceptOnlyFromAmong("mixed", "pure-hypervisor", "pure-disk"),
            new Option<string?>("--flavour") { Description = "hypervisor (own video proxy, default) or hypervisor-standalone (central proxy)" }.AcceptOnlyFromAmong("hypervisor", "hypervisor-standalone"),
            new Option<string?>("--vpn-mode") { Description = "wireguard+geneve (default) or geneve" }.AcceptOnlyFromAmong("wireguard+geneve", "geneve"),
            new("--viewer-static-host") { Description = "Host of the web installation for viewers" },
            new("--viewer-proxy-video-host") { Description = "Externally reachable video proxy host" },
            new("--viewer-proxy-hyper-host") { Description = "Name the video proxy uses to reach the hypervisor" },
            new("--viewer-spice-port") { Description = "External SPICE proxy port (default 80)" },
            new("--viewer-html5-port") { Description = "External HTML5 proxy port (default 443)" },
            new("--only-forced") { Description = "Take only desktops forced onto it" },
            new("--min-free-mem") { Description = "Memory reserve in MiB: no desktop is placed below it" },
            new("--mtu") { Description = "Infrastructure MTU (default 1500)" });

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Hostname, Description, SshPort, SshUser, Type, Flavour, Mode, StaticHost,
                ProxyVideoHost, ProxyHyperHost, SpicePort, Html5Port, OnlyForced, MinFreeMem, Mtu })
            {
                command.Options.Add(option);
            }
        }

        public EditHypervisorRequest Read(ParseResult parse)
        {
            var viewer = new ViewerSettingsInput(parse.GetValue(StaticHost), parse.GetValue(ProxyVideoHost),
                parse.GetValue(ProxyHyperHost), parse.GetValue(SpicePort), parse.GetValue(Html5Port));
            return new EditHypervisorRequest(
                parse.GetValue(Hostname), parse.GetValue(Description), parse.GetValue(SshPort), parse.GetValue(SshUser),
                Capabilities(parse.GetValue(Type)), parse.GetValue(Flavour), parse.GetValue(Mode),
                viewer == new ViewerSettingsInput() ? null : viewer,
                parse.GetValue(OnlyForced), parse.GetValue(MinFreeMem), parse.GetValue(Mtu));
        }
    }

    public static Command Create()
    {
        var id = HypervisorCommands.IdArgument();
        var fields = Fields.Make(hostnameRequired: true);
        var command = new Command("add", "Add a hypervisor; it starts disabled and Offline (then 'enable' it)") { id };
        fields.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var e = fields.Read(parse);
            var request = new AddHypervisorRequest(parse.GetValue(id), e.Hostname, e.Description, e.SshPort, e.SshUser,
                e.Capabilities, e.Flavour, e.VpnTunnelingMode, e.Viewer, e.OnlyForced, e.MinFreeMemMib, e.InfrastructureMtu);
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/hypervisors", request, ct);
            HypervisorCommands.Output(parse, client, answer,
                h => Render.Done($"{h.Id}: added ({Render.TypeLabel(h.Type)}, {WireNames.Of(h.Flavour)}, {WireNames.Of(h.VpnTunnelingMode)}); disabled, {h.Status}. Enable it with 'hyperfleet hypervisor enable {h.Id}'."));
            return 0;
        });
        return command;
    }

    public static Command CreateEdit()
    {
        var id = HypervisorCommands.IdArgument();
        var fields = Fields.Make(hostnameRequired: false);
        var command = new Command("edit", "Change a hypervisor that is not Online (disable it first)") { id };
        fields.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var request = fields.Read(parse);
            if (request == new EditHypervisorRequest())
            {
                throw new CliException("nothing to change: give at least one option (see --help)", ExitCodes.Usage);
            }
            var answer = await client.SendAsync(HttpMethod.Patch, $"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}", request, ct);
            HypervisorCommands.Output(parse, client, answer, h => Render.Done($"{h.Id}: saved"));
            return 0;
        });
        return command;
    }

    private static CapabilitiesInput? Capabilities(string? type) => type switch
    {
        "pure-hypervisor" => new CapabilitiesInput(Hypervisor: true, DiskOperations: false),
        "pure-disk" => new CapabilitiesInput(Hypervisor: false, DiskOperations: true),
        "mixed" => new CapabilitiesInput(Hypervisor: true, DiskOperations: true),
        _ => null,
    };
}
