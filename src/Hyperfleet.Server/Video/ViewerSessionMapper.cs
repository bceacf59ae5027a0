using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Video;

public static class ViewerSessionMapper
{
    public static ViewerSessionResponse ToResponse(this ViewerSession s) =>
        new(s.Id, s.Username, s.DesktopId, s.HypervisorId, s.Protocol == "spice" ? ViewerProtocol.Spice : ViewerProtocol.Browser,
            s.Proxy, s.Status, s.ClientAddress, s.IssuedAt, s.StartedAt, s.EndedAt, s.BytesToClient, s.BytesFromClient, s.EndReason);

    public static ChangeNotification Changed(ViewerSession s) =>
        new("viewer_session.changed", s.HypervisorId, null, null, s.Id, JsonSerializer.SerializeToElement(s.ToResponse(), ApiJson.Options));
}
