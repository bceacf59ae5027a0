using System.Text.Json;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Disk operations with qemu-img over SSH. Each first looks at the target: if an earlier run (before a crash or
/// a lost lease) already made it, and it is what this task would make (format, backing file, size), the task is
/// done without doing anything twice; if it is something else, the task fails rather than overwrite it.
/// </summary>
public sealed class QemuImgOperations(ISshConnector ssh, StorageSettings settings) : IDiskOperations
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    public async Task<DiskOperationOutcome> RunAsync(DiskTask task, SshTarget host, CancellationToken ct)
    {
        var args = DiskTaskQueue.ArgumentsOf(task);
        try
        {
            return task.Kind switch
            {
                DiskTaskKinds.CreateEmpty => await CreateEmptyAsync(task, args, host, ct),
                DiskTaskKinds.CreateOverlay => await CreateOverlayAsync(task, args, host, ct),
                DiskTaskKinds.Convert => await ConvertAsync(task, args, host, ct),
                DiskTaskKinds.Resize => await ResizeAsync(args, host, ct),
                DiskTaskKinds.Info => await InfoAsync(args, host, ct),
                DiskTaskKinds.Move => await MoveAsync(args, host, ct),
                DiskTaskKinds.Delete => await DeleteAsync(args, host, ct),
                _ => DiskOperationOutcome.Permanent("unknown_kind", $"unknown disk task kind '{task.Kind}'"),
            };
        }
        catch (StepFailed failed)
        {
            return failed.Outcome;
        }
    }

    private async Task<DiskOperationOutcome> CreateEmptyAsync(DiskTask task, DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var path = Required(args.Path, "path");
        var size = args.SizeBytes is > 0 ? args.SizeBytes.Value : throw Fail("bad_arguments", "size_bytes must be positive");
        if (await ProbeAsync(host, path, ct) is not { } existing)
        {
            await RunStepAsync(host, QemuImgScripts.CreateEmpty(path, size, QemuImgScripts.TempFor(path, task.Id, task.Attempts)), settings.CommandTimeout, ct);
            existing = await ProbeAsync(host, path, ct) ?? throw Fail("qemu_img_failed", $"{path} is missing after qemu-img create");
        }
        return Matches(existing, path, "qcow2", backing: null, size) ?? DiskOperationOutcome.Done(Summary(existing));
    }

    private async Task<DiskOperationOutcome> CreateOverlayAsync(DiskTask task, DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var path = Required(args.Path, "path");
        var backing = Required(args.Backing, "backing");
        if (await ProbeAsync(host, path, ct) is not { } existing)
        {
            await RunStepAsync(host, QemuImgScripts.CreateOverlay(path, backing, QemuImgScripts.TempFor(path, task.Id, task.Attempts)), settings.CommandTimeout, ct);
            existing = await ProbeAsync(host, path, ct) ?? throw Fail("qemu_img_failed", $"{path} is missing after qemu-img create");
        }
        return Matches(existing, path, "qcow2", backing, size: null) ?? DiskOperationOutcome.Done(Summary(existing));
    }

    private async Task<DiskOperationOutcome> ConvertAsync(DiskTask task, DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var source = Required(args.Source, "source");
        var path = Required(args.Path, "path");
        var format = args.Format ?? "qcow2";
        if (format is not ("qcow2" or "raw"))
        {
            throw Fail("bad_arguments", $"format '{format}' is not qcow2 or raw");
        }
        if (await ProbeAsync(host, path, ct) is not { } existing)
        {
            await RunStepAsync(host, QemuImgScripts.Convert(source, path, format, QemuImgScripts.TempFor(path, task.Id, task.Attempts)), settings.CommandTimeout, ct);
            existing = await ProbeAsync(host, path, ct) ?? throw Fail("qemu_img_failed", $"{path} is missing after qemu-img convert");
        }
        return Matches(existing, path, format, backing: null, size: null) ?? DiskOperationOutcome.Done(Summary(existing));
    }

    private async Task<DiskOperationOutcome> ResizeAsync(DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var path = Required(args.Path, "path");
        var size = args.SizeBytes is > 0 ? args.SizeBytes.Value : throw Fail("bad_arguments", "size_bytes must be positive");
        var image = await ProbeAsync(host, path, ct) ?? throw Fail("image_missing", $"{path} does not exist");
        var current = VirtualSize(image);
        if (current > size)
        {
            throw Fail("shrink_refused", $"{path} is {current} bytes; shrinking to {size} would lose data");
        }
        if (current < size)
        {
            await RunStepAsync(host, QemuImgScripts.Resize(path, size), settings.CommandTimeout, ct);
            image = await ProbeAsync(host, path, ct) ?? throw Fail("image_missing", $"{path} vanished during resize");
        }
        // A desktop's disk is an overlay: it keeps its backing file, only the size changes.
        var backing = image.TryGetProperty("backing-filename", out var b) ? b.GetString() : null;
        return Matches(image, path, format: null, backing, size) ?? DiskOperationOutcome.Done(Summary(image));
    }

    private async Task<DiskOperationOutcome> InfoAsync(DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var path = Required(args.Path, "path");
        if (await ProbeAsync(host, path, ct) is null)
        {
            throw Fail("image_missing", $"{path} does not exist");
        }
        var chain = await RunStepAsync(host, QemuImgScripts.InfoChain(path), ProbeTimeout, ct);
        return DiskOperationOutcome.Done(chain.Trim());
    }

    private async Task<DiskOperationOutcome> MoveAsync(DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var source = Required(args.Source, "source");
        var path = Required(args.Path, "path");
        var result = await RunAsync(host, QemuImgScripts.Move(source, path), settings.CommandTimeout, ct);
        return result.ExitStatus switch
        {
            0 => DiskOperationOutcome.Done(result.Stdout.Trim()),
            10 => DiskOperationOutcome.Permanent("target_exists", $"both {source} and {path} exist; refusing to overwrite"),
            11 => DiskOperationOutcome.Permanent("image_missing", $"neither {source} nor {path} exists"),
            _ => Failed(result, "mv"),
        };
    }

    private async Task<DiskOperationOutcome> DeleteAsync(DiskTaskArguments args, SshTarget host, CancellationToken ct)
    {
        var path = Required(args.Path, "path");
        var result = await RunAsync(host, QemuImgScripts.Delete(path), ProbeTimeout, ct);
        return result.ExitStatus switch
        {
            0 => DiskOperationOutcome.Done("deleted"),
            10 => DiskOperationOutcome.Permanent("not_a_file", $"{path} is a directory"),
            _ => Failed(result, "rm"),
        };
    }

    /// <summary>qemu-img's JSON for the image, or null when there is no file.</summary>
    private async Task<JsonElement?> ProbeAsync(SshTarget host, string path, CancellationToken ct)
    {
        var output = (await RunStepAsync(host, QemuImgScripts.Probe(path), ProbeTimeout, ct)).Trim();
        if (output == "absent")
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Fail("qemu_img_failed", $"qemu-img info of {path} printed no JSON: {Clip(output)}");
        }
    }

    /// <summary>Null when the image is what the task makes; otherwise the permanent failure saying how it differs.</summary>
    internal static DiskOperationOutcome? Matches(JsonElement image, string path, string? format, string? backing, long? size)
    {
        var actualFormat = image.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format is not null && actualFormat != format)
        {
            return DiskOperationOutcome.Permanent("target_exists", $"{path} exists but is {actualFormat ?? "of unknown format"}, not {format}");
        }
        var actualBacking = image.TryGetProperty("backing-filename", out var b) ? b.GetString() : null;
        if (actualBacking != backing)
        {
            return DiskOperationOutcome.Permanent("target_exists", backing is null
                ? $"{path} exists with backing file {actualBacking}, but should have none"
                : $"{path} exists with backing file {actualBacking ?? "(none)"}, not {backing}");
        }
        if (size is { } wanted && VirtualSize(image) != wanted)
        {
            return DiskOperationOutcome.Permanent("target_exists", $"{path} exists with {VirtualSize(image)} bytes, not {wanted}");
        }
        return null;
    }

    private static long VirtualSize(JsonElement image) =>
        image.TryGetProperty("virtual-size", out var v) && v.TryGetInt64(out var size) ? size : -1;

    private static string Summary(JsonElement image) => image.GetRawText();

    /// <summary>Runs a command that must succeed; its stdout.</summary>
    private async Task<string> RunStepAsync(SshTarget host, string command, TimeSpan timeout, CancellationToken ct)
    {
        var result = await RunAsync(host, command, timeout, ct);
        return result.ExitStatus == 0 ? result.Stdout : throw new StepFailed(Failed(result, "qemu-img"));
    }

    private async Task<Ssh.SshCommandResult> RunAsync(SshTarget host, string command, TimeSpan timeout, CancellationToken ct)
    {
        var (result, login) = await ssh.RunAsync(host, "set -u; " + command, timeout, ct);
        if (result is null)
        {
            throw new StepFailed(DiskOperationOutcome.Transient(login.Reason ?? "ssh_error", login.Detail ?? "SSH failed"));
        }
        if (result.ExitStatus < 0)
        {
            throw new StepFailed(DiskOperationOutcome.Transient("ssh_unreachable", $"{host.Host}: the command ended without an exit status (connection lost)"));
        }
        return result;
    }

    private static DiskOperationOutcome Failed(Ssh.SshCommandResult result, string tool)
    {
        var text = (result.Stderr.Trim().Length > 0 ? result.Stderr : result.Stdout).Trim();
        return DiskOperationOutcome.Permanent("qemu_img_failed", $"{tool} failed ({result.ExitStatus}): {Clip(text)}");
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    private static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw Fail("bad_arguments", $"the task has no {name}") : value;

    private static StepFailed Fail(string reason, string error) => new(DiskOperationOutcome.Permanent(reason, error));

    /// <summary>Ends an operation early with its outcome.</summary>
    private sealed class StepFailed(DiskOperationOutcome outcome) : Exception(outcome.Text)
    {
        public DiskOperationOutcome Outcome { get; } = outcome;
    }
}
