using System.Net;
using System.Text.Json;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.IntegrationTests.Engine;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Storage;

/// <summary>
/// Disk work on real hosts: hv1 a pure disk-operations host, hv2 a pure hypervisor, both in the default pool at
/// /opt/isard. Bases, templates, a desktop's overlay and make-template are made by qemu-img over SSH, always on hv1;
/// the files and their backing chains are read back on the host; reruns of finished operations change nothing.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class StorageOnTestbedTests(TestbedFixture testbed, TestbedServerFixture server, ITestOutputHelper output)
    : IClassFixture<TestbedServerFixture>
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);
    private readonly string run = Guid.NewGuid().ToString("N")[..6];

    private Task<T> WaitForAsync<T>(HttpClient admin, string path, Func<T, bool> condition, string because) =>
        admin.WaitForAsync(output, path, condition, Slow, because);

    private Task<TemplateResponse> ReadyAsync(HttpClient admin, string id) =>
        WaitForAsync<TemplateResponse>(admin, $"/api/v1/templates/{id}", t => t.Status != TemplateStatuses.Creating, "settled")
            .ContinueWith(t => { Assert.True(t.Result.Status == TemplateStatuses.Ready, $"{id}: {t.Result.Status} {t.Result.StatusDetail}"); return t.Result; },
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private Task<DiskTaskResponse> FinishedAsync(HttpClient admin, long id) =>
        WaitForAsync<DiskTaskResponse>(admin, $"/api/v1/tasks/{id}", t => t.Status is "done" or "failed", $"task {id} finished");

    private Task<string> OnHv1Async(params string[] command) => testbed.RunAsync(["exec", "hv1", .. command]);

    /// <summary>The backing chain as qemu-img on hv1 reads it: the files from the top down.</summary>
    private async Task<List<string>> ChainAsync(string path)
    {
        var json = await OnHv1Async("qemu-img", "info", "-U", "--output=json", "--backing-chain", path);
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("filename").GetString()!)];
    }

    private Task<string> StatAsync(string path) => OnHv1Async("stat", "-c", "%i %Y %s", path);

    private async Task<long> EnqueueAsync(string kind, DiskTaskArguments args) =>
        await server.WithDbAsync(async db =>
        {
            var task = DiskTaskQueue.Enqueue(db, kind, StoragePoolDefaults.DefaultPoolId, args, null, null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return task.Id;
        });

    private async Task SetUpHostsAsync(HttpClient admin)
    {
        await admin.InstallKeysAsync(testbed, "hv1", "hv2");
        await admin.AddAsync("hv1", testbed.Ip("hv1"), ""","capabilities":{"hypervisor":false,"disk_operations":true}""");
        await admin.AddAsync("hv2", testbed.Ip("hv2"), ""","capabilities":{"hypervisor":true,"disk_operations":false}""");
        var pool = await (await admin.GetAsync("/api/v1/pools/default")).OkAsync<PoolResponse>();
        Assert.Equal(["hv1", "hv2"], pool.Hypervisors);
        foreach (var id in new[] { "hv1", "hv2" })
        {
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        }
        foreach (var id in new[] { "hv1", "hv2" })
        {
            await WaitForAsync<HypervisorResponse>(admin, $"/api/v1/hypervisors/{id}", h => h.Status == HypervisorStatus.Online, "Online");
        }
    }

    [Fact]
    public async Task DiskWork_OnThePureDiskHostOnly_WithRealBackingChains_AndIdempotentReruns()
    {
        using var admin = server.Admin();
        await SetUpHostsAsync(admin);
        var (baseId, templateId, desktopId, goldenId, importId) = ($"sb-{run}", $"st-{run}", $"sd-{run}", $"sg-{run}", $"si-{run}");
        try
        {
            // The pool check runs on hv1 only: a pure hypervisor does no disk work.
            var check = await (await admin.PostEmptyAsync("/api/v1/pools/default/check")).OkAsync<PoolCheckResponse>();
            Assert.True(check.Ok, JsonSerializer.Serialize(check, ApiJson.Options));
            Assert.True(check.Hosts.Single(h => h.HypervisorId == "hv1") is { Checked: true, Ok: true });
            Assert.Equal("not_disk_capable", check.Hosts.Single(h => h.HypervisorId == "hv2").Reason);
            Assert.True(Directory.Exists("/opt/isard/templates"));

            // base ← template ← desktop, made by the API and the worker.
            (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{baseId}}","size_gib":1}""")).EnsureSuccessStatusCode();
            var baseT = await ReadyAsync(admin, baseId);
            (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{templateId}}","parent":"{{baseId}}"}""")).EnsureSuccessStatusCode();
            var template = await ReadyAsync(admin, templateId);
            (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{desktopId}}","template":"{{templateId}}"}""")).EnsureSuccessStatusCode();
            var desktop = await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status != "Creating", "made");
            Assert.Equal("Stopped", desktop.Status);
            Assert.Equal([desktop.DiskPath, template.DiskPath, baseT.DiskPath], await ChainAsync(desktop.DiskPath));
            var baseInfo = JsonDocument.Parse(await OnHv1Async("qemu-img", "info", "-U", "--output=json", baseT.DiskPath)).RootElement;
            Assert.Equal(1L << 30, baseInfo.GetProperty("virtual-size").GetInt64());

            // Reruns: a finished overlay is left as it is; one with another backing file is refused, never overwritten.
            var before = await StatAsync(desktop.DiskPath);
            var same = await FinishedAsync(admin, await EnqueueAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = desktop.DiskPath, Backing = template.DiskPath }));
            Assert.Equal("done", same.Status);
            var other = await FinishedAsync(admin, await EnqueueAsync(DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = desktop.DiskPath, Backing = baseT.DiskPath }));
            Assert.Equal("failed", other.Status);
            Assert.Contains("backing file", other.Error);
            Assert.Equal(before, await StatAsync(desktop.DiskPath));
            var again = await FinishedAsync(admin, await EnqueueAsync(DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = baseT.DiskPath, SizeBytes = 1L << 30 }));
            Assert.Equal("done", again.Status);
            Assert.Equal("done", (await FinishedAsync(admin, await EnqueueAsync(DiskTaskKinds.Delete, new DiskTaskArguments { Path = $"/opt/isard/groups/never-{run}.qcow2" }))).Status);
            var moved = await FinishedAsync(admin, await EnqueueAsync(DiskTaskKinds.Move, new DiskTaskArguments { Source = $"/opt/isard/groups/gone-{run}.qcow2", Path = template.DiskPath }));
            Assert.Equal(("done", "already"), (moved.Status, moved.Result));

            // Resize: the stopped desktop's disk grows (qemu-img on hv1 says so); a shrink is refused, the disk unchanged.
            (await admin.PostRawAsync($"/api/v1/desktops/{desktopId}/resize", """{"size_gib":3}""")).EnsureSuccessStatusCode();
            desktop = await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status != "Updating", "resized");
            Assert.Equal(("Stopped", (string?)null), (desktop.Status, desktop.StatusDetail));
            Assert.Equal(3L << 30, JsonDocument.Parse(await OnHv1Async("qemu-img", "info", "-U", "--output=json", desktop.DiskPath)).RootElement.GetProperty("virtual-size").GetInt64());
            (await admin.PostRawAsync($"/api/v1/desktops/{desktopId}/resize", """{"size_gib":2}""")).EnsureSuccessStatusCode();
            desktop = await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status != "Updating", "shrink refused");
            Assert.Equal("Stopped", desktop.Status);
            Assert.Contains("would lose data", desktop.StatusDetail);
            Assert.Equal(3L << 30, JsonDocument.Parse(await OnHv1Async("qemu-img", "info", "-U", "--output=json", desktop.DiskPath)).RootElement.GetProperty("virtual-size").GetInt64());
            Assert.Equal([desktop.DiskPath, template.DiskPath, baseT.DiskPath], await ChainAsync(desktop.DiskPath));

            // make-template: the desktop's disk becomes the template's; the desktop goes on from a new overlay of it.
            var golden = await (await admin.PostRawAsync($"/api/v1/desktops/{desktopId}/make-template", $$"""{"template_id":"{{goldenId}}"}"""))
                .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
            desktop = await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status != "Creating", "back from make-template");
            Assert.Equal(("Stopped", goldenId), (desktop.Status, desktop.Template));
            await ReadyAsync(admin, goldenId);
            Assert.Equal([desktop.DiskPath, golden.DiskPath, template.DiskPath, baseT.DiskPath], await ChainAsync(desktop.DiskPath));

            // An import is checked with qemu-img info: a standalone qcow2 becomes a base where it is; a raw image is
            // converted into a standalone qcow2 in bases (same virtual size), its own file left alone; a missing file fails.
            await OnHv1Async("qemu-img", "create", "-q", "-f", "qcow2", $"/opt/isard/bases/{importId}.qcow2", "64M");
            await OnHv1Async("mkdir", "-p", "/opt/isard/media");
            await OnHv1Async("qemu-img", "create", "-q", "-f", "raw", $"/opt/isard/media/{importId}.img", "3M");
            (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{importId}}","import_path":"/opt/isard/bases/{{importId}}.qcow2"}""")).EnsureSuccessStatusCode();
            Assert.Equal($"/opt/isard/bases/{importId}.qcow2", (await ReadyAsync(admin, importId)).DiskPath);
            (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{importId}}-raw","import_path":"/opt/isard/media/{{importId}}.img"}""")).EnsureSuccessStatusCode();
            var raw = await ReadyAsync(admin, $"{importId}-raw");
            Assert.Equal($"/opt/isard/bases/{importId}-raw.qcow2", raw.DiskPath);
            var converted = JsonDocument.Parse(await OnHv1Async("qemu-img", "info", "-U", "--output=json", raw.DiskPath)).RootElement;
            Assert.Equal("qcow2", converted.GetProperty("format").GetString());
            Assert.Equal(3L << 20, converted.GetProperty("virtual-size").GetInt64());
            Assert.False(converted.TryGetProperty("backing-filename", out _));
            Assert.True(File.Exists($"/opt/isard/media/{importId}.img"));
            (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{importId}}-gone","import_path":"/opt/isard/media/{{importId}}-gone.img"}""")).EnsureSuccessStatusCode();
            var gone = await WaitForAsync<TemplateResponse>(admin, $"/api/v1/templates/{importId}-gone", t => t.Status != "Creating", "settled");
            Assert.Equal("Failed", gone.Status);
            Assert.Contains("does not exist", gone.StatusDetail);

            // Every disk task of this run ran on hv1, never on the pure hypervisor hv2.
            var tasks = await (await admin.GetAsync("/api/v1/tasks?limit=1000")).OkAsync<List<DiskTaskResponse>>();
            Assert.True(tasks.Count >= 12, $"{tasks.Count} tasks");
            Assert.All(tasks, t => Assert.Equal("hv1", t.HypervisorId));
            output.WriteLine(string.Join("\n", tasks.Select(t => $"{t.Id} {t.Kind} {t.Status} on {t.HypervisorId} ({t.Attempts})")));

            // Deleting removes the files: the desktop (its disk), then the templates from the top of the chain down.
            Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"/api/v1/desktops/{desktopId}")).StatusCode);
            await Eventually.TrueAsync(async () => (await admin.GetAsync($"/api/v1/desktops/{desktopId}")).StatusCode == HttpStatusCode.NotFound, Slow, "desktop removed");
            Assert.False(File.Exists(desktop.DiskPath));
            foreach (var id in new[] { goldenId, templateId, baseId })
            {
                var path = (await (await admin.GetAsync($"/api/v1/templates/{id}")).OkAsync<TemplateResponse>()).DiskPath;
                Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"/api/v1/templates/{id}")).StatusCode);
                await Eventually.TrueAsync(async () => (await admin.GetAsync($"/api/v1/templates/{id}")).StatusCode == HttpStatusCode.NotFound, Slow, $"{id} removed");
                Assert.False(File.Exists(path), path);
            }
        }
        finally
        {
            foreach (var dir in new[] { "bases", "templates", "groups", "media" })
            {
                foreach (var file in Directory.Exists($"/opt/isard/{dir}") ? Directory.GetFiles($"/opt/isard/{dir}", $"*{run}*") : [])
                {
                    File.Delete(file);
                }
            }
        }
    }
}
