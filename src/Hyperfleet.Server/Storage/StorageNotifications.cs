using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Storage;

/// <summary>Change-feed items for pools, templates, desktops and disk tasks (<c>&lt;kind&gt;.changed</c> / <c>.removed</c>).</summary>
public static class StorageNotifications
{
    public static ChangeNotification Changed<T>(string kind, string id, T resource, string hypervisorId = "") =>
        new(kind + ".changed", hypervisorId, null, null, id, JsonSerializer.SerializeToElement(resource, ApiJson.Options));

    /// <summary>A disk task was queued, claimed or finished (attributed to its host, when it has one).</summary>
    public static ChangeNotification TaskChanged(DiskTask task) =>
        Changed("task", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), task.ToResponse(), task.HypervisorId ?? "");

    public static ChangeNotification Removed(string kind, string id) => new(kind + ".removed", "", null, null, id);
}
