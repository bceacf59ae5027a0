using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Api.Json;

namespace Hyperfleet.Server.Storage;

/// <summary>Change-feed items for pools, templates, desktops and disk tasks (<c>&lt;kind&gt;.changed</c> / <c>.removed</c>).</summary>
public static class StorageNotifications
{
    public static ChangeNotification Changed<T>(string kind, string id, T resource, string hypervisorId = "") =>
        new(kind + ".changed", hypervisorId, null, null, id, JsonSerializer.SerializeToElement(resource, ApiJson.Options));

    public static ChangeNotification Removed(string kind, string id) => new(kind + ".removed", "", null, null, id);
}
