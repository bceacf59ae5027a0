using System.Text.Json;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Storage;

/// <summary>Template and disk-task rows to wire records.</summary>
public static class StorageMapper
{
    public static TemplateResponse ToResponse(this Template t, long? taskId) => new(
        t.Id, t.Name, t.Kind, t.PoolId, t.ParentId, t.DiskPath, t.MemoryMib, t.Vcpus, t.Status, t.StatusDetail, taskId, t.CreatedAt);

    public static DiskTaskResponse ToResponse(this DiskTask t) => new(
        t.Id, t.Kind, t.PoolId, t.Status, t.OwnerKind, t.OwnerId, t.HypervisorId, t.Attempts,
        ParseArguments(t.Arguments), t.Result, t.Error, t.NotBefore, t.CreatedAt, t.StartedAt, t.FinishedAt);

    private static JsonElement ParseArguments(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
