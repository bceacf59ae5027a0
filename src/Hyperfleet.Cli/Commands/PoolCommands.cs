using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Storage;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet pool …</c>: storage pools and which hypervisors mount them.</summary>
public static class PoolCommands
{
    private sealed record Fields(Option<string?> Name, Option<string?> Mountpoint, Option<string?> Bases, Option<string?> Templates,
        Option<string?> Groups, Option<string?> Media, Option<string?> Volatile)
    {
        public static Fields Make() => new(
            new("--name") { Description = "Free text" },
            new("--mountpoint") { Description = "Where the shared storage is mounted on every member (default /opt/isard)" },
            new("--bases") { Description = "Directory of base disks (default MOUNTPOINT/bases)" },
            new("--templates") { Description = "Directory of template disks (default MOUNTPOINT/templates)" },
            new("--groups") { Description = "Directory of desktop disks (default MOUNTPOINT/groups)" },
            new("--media") { Description = "Directory of media (default MOUNTPOINT/media)" },
            new("--volatile") { Description = "Directory of volatile disks (default MOUNTPOINT/volatile)" });

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Name, Mountpoint, Bases, Templates, Groups, Media, Volatile })
            {
                command.Options.Add(option);
            }
        }

        public PoolPathsInput? Paths(ParseResult parse)
        {
            var paths = new PoolPathsInput(parse.GetValue(Bases), parse.GetValue(Templates), parse.GetValue(Groups), parse.GetValue(Media), parse.GetValue(Volatile));
            return paths == new PoolPathsInput() ? null : paths;
        }
    }

    public static Command Create()
    {
        var command = new Command("pool", "Storage pools: shared mounts and the hypervisors that reach them");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Edit());
        command.Subcommands.Add(Delete());
        command.Subcommands.Add(Check());
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "Pool id" };

    private static string PathOf(string id) => $"api/v1/pools/{Uri.EscapeDataString(id)}";

    private static Command List()
    {
        var command = new Command("list", "List storage pools and their member hypervisors");
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync("api/v1/pools", ct), (List<PoolResponse> p) => StorageRender.Pools(p));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var command = new Command("show", "Show one pool with its directories") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync(PathOf(parse.GetValue(id)!), ct), (PoolResponse p) => StorageRender.Pool(p));
            return 0;
        });
        return command;
    }

    private static Command Add()
    {
        var id = IdArgument();
        var fields = Fields.Make();
        var hypervisors = new Option<string[]>("--hypervisor") { Description = "A hypervisor that mounts it (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("add", "Add a storage pool") { id, hypervisors };
        fields.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var request = new AddPoolRequest(parse.GetValue(id), parse.GetValue(fields.Name), parse.GetValue(fields.Mountpoint), fields.Paths(parse),
                parse.GetValue(hypervisors) is { Length: > 0 } h ? h : null);
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/pools", request, ct);
            StorageRender.Output(parse, answer, (PoolResponse p) => Render.Done($"{p.Id}: added at {p.Mountpoint}; check it with 'hyperfleet pool check {p.Id}'"));
            return 0;
        });
        return command;
    }

    private static Command Edit()
    {
        var id = IdArgument();
        var fields = Fields.Make();
        var set = new Option<string[]>("--hypervisor") { Description = "The full new list of members (repeat for several)" };
        var add = new Option<string[]>("--add-hypervisor") { Description = "Add a member (repeat for several)" };
        var remove = new Option<string[]>("--remove-hypervisor") { Description = "Remove a member (repeat for several)" };
        var command = new Command("edit", "Change a pool's name, members, or (while it holds no disks) its directories") { id, set, add, remove };
        fields.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var poolId = parse.GetValue(id)!;
            IReadOnlyList<string>? members = parse.GetValue(set) is { Length: > 0 } s ? s : null;
            var (adding, removing) = (parse.GetValue(add) ?? [], parse.GetValue(remove) ?? []);
            if (adding.Length > 0 || removing.Length > 0)
            {
                var current = members ?? ApiClient.Deserialize<PoolResponse>(await client.GetAsync(PathOf(poolId), ct)).Hypervisors;
                members = current.Concat(adding).Except(removing, StringComparer.Ordinal).Distinct(StringComparer.Ordinal).ToList();
            }
            var request = new EditPoolRequest(parse.GetValue(fields.Name), parse.GetValue(fields.Mountpoint), fields.Paths(parse), members);
            if (request == new EditPoolRequest())
            {
                throw new CliException("nothing to change: give at least one option (see --help)", ExitCodes.Usage);
            }
            var answer = await client.SendAsync(HttpMethod.Patch, PathOf(poolId), request, ct);
            StorageRender.Output(parse, answer, (PoolResponse p) => Render.Done($"{p.Id}: saved; members {(p.Hypervisors.Count == 0 ? "none" : string.Join(", ", p.Hypervisors))}"));
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = IdArgument();
        var command = new Command("delete", "Delete a pool that holds no templates, desktops or pending tasks") { id };
        command.Aliases.Add("rm");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var poolId = parse.GetValue(id)!;
            await client.SendAsync(HttpMethod.Delete, PathOf(poolId), null, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { id = poolId, removed = true }));
            }
            else
            {
                Render.Done($"{poolId}: removed");
            }
            return 0;
        });
        return command;
    }

    private static Command Check()
    {
        var id = IdArgument();
        var command = new Command("check", "On every Online disk-capable member, check over SSH that each directory exists (creating missing ones) and is writable; exit 1 if any is not") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, PathOf(parse.GetValue(id)!) + "/check", null, ct);
            var check = ApiClient.Deserialize<PoolCheckResponse>(answer);
            StorageRender.Output(parse, answer, (PoolCheckResponse c) => StorageRender.Check(c));
            return check.Ok ? 0 : ExitCodes.Failed;
        });
        return command;
    }
}
