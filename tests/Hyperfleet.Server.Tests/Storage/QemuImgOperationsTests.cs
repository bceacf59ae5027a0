using System.Text.Json;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Storage;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>
/// The disk operations against real qemu-img and real files (the "host" is a local shell): what they make, that a
/// rerun of a finished one changes nothing, that a different file at the target is refused, and that paths with
/// shell metacharacters stay data.
/// </summary>
public sealed class QemuImgOperationsTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly SshTarget Host = new("localhost", 22, "root", "ssh-ed25519 AAAA");
    private readonly LocalShellConnector shell = new();
    private readonly QemuImgOperations operations;
    private readonly string root;
    private long nextId;

    public QemuImgOperationsTests()
    {
        operations = new QemuImgOperations(shell, new StorageSettings());
        // A directory name that would run commands if any path were spliced into the shell unquoted.
        root = Path.Combine(Directory.CreateTempSubdirectory("hf-qemu-").FullName, "it's a $(touch pwned) `touch pwned2` dir");
        Directory.CreateDirectory(root);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);

    private string P(string name) => Path.Combine(root, name);

    private Task<DiskOperationOutcome> RunAsync(string kind, DiskTaskArguments args, int attempt = 1)
    {
        var task = new DiskTask { Id = ++nextId, Kind = kind, PoolId = "p", Arguments = JsonSerializer.Serialize(args, Json), Attempts = attempt };
        return operations.RunAsync(task, Host, CancellationToken.None);
    }

    private static (string Format, string? Backing, long Size) Info(string path)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("qemu-img", ["info", "-U", "--output=json", path]) { RedirectStandardOutput = true })!;
        var json = JsonDocument.Parse(process.StandardOutput.ReadToEnd()).RootElement;
        process.WaitForExit();
        return (json.GetProperty("format").GetString()!, json.TryGetProperty("backing-filename", out var b) ? b.GetString() : null, json.GetProperty("virtual-size").GetInt64());
    }

    private static string Stamp(string path) => $"{File.GetLastWriteTimeUtc(path).Ticks} {new FileInfo(path).Length}";

    [Fact]
    public async Task CreateEmpty_MakesAQcow2_RerunIsDoneWithoutTouchingIt()
    {
        var path = P("base.qcow2");
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = path, SizeBytes = 64L << 20 })).Kind);
        Assert.Equal(("qcow2", (string?)null, 64L << 20), Info(path));
        var stamp = Stamp(path);
        await Task.Delay(20);
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = path, SizeBytes = 64L << 20 }, attempt: 2)).Kind);
        Assert.Equal(stamp, Stamp(path));
        var other = await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = path, SizeBytes = 32L << 20 });
        Assert.Equal(("target_exists", DiskOperationOutcomeKind.Permanent), (other.Reason, other.Kind));
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(root, ".*")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(root)!, "pwned")) || File.Exists("pwned") || File.Exists("pwned2"));
    }

    [Fact]
    public async Task CreateOverlay_BackingChain_RerunDone_OtherBackingRefused()
    {
        var (baseDisk, overlay, other) = (P("base.qcow2"), P("sub dir/desk'top.qcow2"), P("other.qcow2"));
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = baseDisk, SizeBytes = 16L << 20 });
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = other, SizeBytes = 16L << 20 });
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = overlay, Backing = baseDisk })).Kind);
        Assert.Equal(("qcow2", baseDisk, 16L << 20), Info(overlay));
        var stamp = Stamp(overlay);
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = overlay, Backing = baseDisk })).Kind);
        var refused = await RunAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = overlay, Backing = other });
        Assert.Equal(("target_exists", DiskOperationOutcomeKind.Permanent), (refused.Reason, refused.Kind));
        Assert.Equal(stamp, Stamp(overlay));

        var chain = await RunAsync(DiskTaskKinds.Info, new DiskTaskArguments { Path = overlay });
        Assert.Equal(2, JsonDocument.Parse(chain.Text!).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Create_AfterAnAttemptDiedMidWrite_RemovesItsTemporaryFile()
    {
        var path = P("big.qcow2");
        var leftover = QemuImgScripts.TempFor(path, nextId + 1, 1);
        await File.WriteAllTextAsync(leftover, "half a convert");
        var unrelated = QemuImgScripts.TempFor(path, nextId + 99, 1);
        await File.WriteAllTextAsync(unrelated, "another task's");
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = path, SizeBytes = 1L << 20 }, attempt: 2)).Kind);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public async Task CreateOverlay_MissingBacking_IsAPermanentQemuImgFailure()
    {
        var outcome = await RunAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = P("d.qcow2"), Backing = P("nope.qcow2") });
        Assert.Equal(("qemu_img_failed", DiskOperationOutcomeKind.Permanent), (outcome.Reason, outcome.Kind));
        Assert.False(File.Exists(P("d.qcow2")));
        Assert.Empty(Directory.GetFiles(root, ".*"));
    }

    [Fact]
    public async Task Move_ThenRerun_IsDone_BothOrNeitherIsRefused()
    {
        var (source, target) = (P("groups/d.qcow2"), P("templates/t.qcow2"));
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = source, SizeBytes = 1L << 20 });
        var moved = await RunAsync(DiskTaskKinds.Move, new DiskTaskArguments { Source = source, Path = target });
        Assert.Equal((DiskOperationOutcomeKind.Done, "moved"), (moved.Kind, moved.Text));
        Assert.True(File.Exists(target) && !File.Exists(source));
        var again = await RunAsync(DiskTaskKinds.Move, new DiskTaskArguments { Source = source, Path = target });
        Assert.Equal((DiskOperationOutcomeKind.Done, "already"), (again.Kind, again.Text));
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = source, SizeBytes = 1L << 20 });
        Assert.Equal("target_exists", (await RunAsync(DiskTaskKinds.Move, new DiskTaskArguments { Source = source, Path = target })).Reason);
        Assert.Equal("image_missing", (await RunAsync(DiskTaskKinds.Move, new DiskTaskArguments { Source = P("x"), Path = P("y") })).Reason);
    }

    [Fact]
    public async Task Delete_MissingIsDone_DirectoryIsRefused()
    {
        var path = P("gone.qcow2");
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = path, SizeBytes = 1L << 20 });
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.Delete, new DiskTaskArguments { Path = path })).Kind);
        Assert.False(File.Exists(path));
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.Delete, new DiskTaskArguments { Path = path })).Kind);
        Assert.Equal("not_a_file", (await RunAsync(DiskTaskKinds.Delete, new DiskTaskArguments { Path = root })).Reason);
        Assert.True(Directory.Exists(root));
    }

    [Fact]
    public async Task Resize_GrowsOnce_ShrinkIsRefused_ConvertMakesRaw()
    {
        var path = P("r.qcow2");
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = path, SizeBytes = 8L << 20 });
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.Resize, new DiskTaskArguments { Path = path, SizeBytes = 16L << 20 })).Kind);
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.Resize, new DiskTaskArguments { Path = path, SizeBytes = 16L << 20 })).Kind);
        Assert.Equal(16L << 20, Info(path).Size);
        Assert.Equal("shrink_refused", (await RunAsync(DiskTaskKinds.Resize, new DiskTaskArguments { Path = path, SizeBytes = 8L << 20 })).Reason);
        Assert.Equal(DiskOperationOutcomeKind.Done, (await RunAsync(DiskTaskKinds.Convert, new DiskTaskArguments { Source = path, Path = P("r.img"), Format = "raw" })).Kind);
        Assert.Equal("raw", Info(P("r.img")).Format);
    }

    [Fact]
    public async Task Resize_AnOverlay_GrowsAndKeepsItsBackingFile()
    {
        var (parent, path) = (P("parent.qcow2"), P("overlay.qcow2"));
        await RunAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = parent, SizeBytes = 8L << 20 });
        await RunAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = path, Backing = parent });

        var grown = await RunAsync(DiskTaskKinds.Resize, new DiskTaskArguments { Path = path, SizeBytes = 24L << 20 });

        Assert.Equal(DiskOperationOutcomeKind.Done, grown.Kind);
        Assert.Equal(24L << 20, Info(path).Size);
        Assert.Equal(8L << 20, Info(parent).Size);
        Assert.Equal(parent, Info(path).Backing);
    }

    [Fact]
    public async Task HostUnreachable_IsTransient()
    {
        shell.Unreachable = "ssh_unreachable";
        var outcome = await RunAsync(DiskTaskKinds.Delete, new DiskTaskArguments { Path = P("x.qcow2") });
        Assert.Equal(("ssh_unreachable", DiskOperationOutcomeKind.Transient), (outcome.Reason, outcome.Kind));
    }
}
