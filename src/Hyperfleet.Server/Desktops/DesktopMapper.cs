using System.Text.Json;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Desktops;

/// <summary>Desktop rows as the API and the event stream show them.</summary>
public static class DesktopMapper
{
    public static DesktopResponse ToResponse(this Desktop d) => new(
        d.Id, d.Name, d.Owner, d.TemplateId, d.PoolId, d.DiskPath, d.MemoryMib, d.Vcpus, d.Status, d.StatusDetail, d.StatusSince,
        d.HypervisorId, d.ForcedHypervisorId, d.FavouriteHypervisorId, d.VncPort, d.SpicePort, d.CreatedAt, d.Vlan);

    /// <summary>The <c>desktop.changed</c> item of the event stream.</summary>
    public static ChangeNotification Changed(Desktop d) =>
        new("desktop.changed", d.HypervisorId ?? "", null, null, d.Id, JsonSerializer.SerializeToElement(d.ToResponse(), ApiJson.Options));
}
