using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Core.Video;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Desktops;
using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Video;

/// <summary>
/// Issues what a viewer needs to open a desktop's display: a fresh display password set on the live domain, a signed
/// single-use ticket for the proxy that serves the desktop's hypervisor, and the session row that records it.
/// </summary>
public sealed class ViewerService(
    HyperfleetDbContext db,
    HypervisorConnections connections,
    TicketSigningKey signingKey,
    ICentralVideoProxy centralProxy,
    VideoSettings settings,
    TimeProvider time)
{
    /// <summary>The proxy name of the central video proxy (in sessions and reports).</summary>
    public const string CentralProxy = "central";

    /// <param name="desktopId">The desktop to view.</param>
    /// <param name="protocol">browser or spice.</param>
    /// <param name="user">Who asks: an admin, or the desktop's owner (anyone else is told it does not exist).</param>
    /// <param name="requestHost">The host the request came to (the central proxy's default public host).</param>
    /// <param name="ct">Cancels the request.</param>
    public async Task<ServiceResult<ViewerResponse>> OpenAsync(string desktopId, ViewerProtocol protocol, ClaimsPrincipal user,
        string requestHost, CancellationToken ct)
    {
        var desktop = await db.Desktops.AsNoTracking().SingleOrDefaultAsync(d => d.Id == desktopId, ct);
        if (desktop is null || !DesktopAccess.MayUse(user, desktop))
        {
            return DesktopErrors.NotFound(desktopId);
        }
        var port = protocol == ViewerProtocol.Spice ? desktop.SpicePort : desktop.VncPort;
        if (desktop.Status != DesktopStatuses.Started || desktop.HypervisorId is null || port is null)
        {
            return ViewerErrors.NotRunning(desktopId, desktop.Status);
        }
        var hypervisor = await db.Hypervisors.AsNoTracking().SingleAsync(h => h.Id == desktop.HypervisorId, ct);
        var standalone = hypervisor.Flavour == HypervisorFlavour.HypervisorStandalone;
        if (standalone && !centralProxy.IsRunning)
        {
            return ViewerErrors.NoProxy(hypervisor.Id);
        }
        var connection = connections.Get(hypervisor.Id);
        if (connection is null)
        {
            return DesktopErrors.NotConnected(desktopId, hypervisor.Id);
        }

        var now = time.GetUtcNow();
        var vncPassword = DisplayPasswords.New(DisplayPasswords.VncLength);
        var spicePassword = DisplayPasswords.New(DisplayPasswords.SpiceLength);
        var set = await Task.Run(() => SetPasswords(connection, desktopId, vncPassword, spicePassword, now + settings.PasswordLifetime), ct);
        if (set is not null)
        {
            return set;
        }

        var route = ViewerRoute.For(hypervisor, centralProxy, settings, requestHost);
        var ticket = new ViewerTicket(NewId(), Actor.Of(user), desktop.Id, hypervisor.Id, route.DialHost, port.Value,
            protocol, now, now + settings.TicketLifetime);
        var text = ViewerTicketCodec.Sign(ticket, signingKey.PrivateKey);
        db.ViewerSessions.Add(new ViewerSession
        {
            Id = ticket.Id,
            Username = ticket.User,
            DesktopId = desktop.Id,
            HypervisorId = hypervisor.Id,
            Protocol = protocol == ViewerProtocol.Spice ? "spice" : "browser",
            Proxy = standalone ? CentralProxy : hypervisor.Id,
            IssuedAt = now,
            ExpiresAt = ticket.ExpiresAt,
        });
        await db.SaveChangesAsync(ct);

        return protocol == ViewerProtocol.Spice
            ? new ViewerResponse(protocol, ticket.Id, null, spicePassword,
                VvFile.Build(route.DialHost, port.Value, spicePassword, route.ClientHost, route.SpicePort, text,
                    desktop.Name.Length > 0 ? desktop.Name : desktop.Id), ticket.ExpiresAt)
            : new ViewerResponse(protocol, ticket.Id, route.BrowserUrl(port.Value, text), vncPassword, null, ticket.ExpiresAt);
    }

    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    // Both displays get a fresh password: whichever the viewer uses, the other cannot be opened with an old one.
    private static ServiceError? SetPasswords(HypervisorConnection connection, string desktopId, string vnc, string spice, DateTimeOffset validTo)
    {
        try
        {
            return connection.OnLane(libvirt =>
            {
                using var domain = libvirt.LookupDomainByName(DesktopDomainNames.NameOf(desktopId));
                var xml = domain.GetXmlDesc(DomainXmlFlags.Secure);
                foreach (var (type, password) in new[] { ("vnc", vnc), ("spice", spice) })
                {
                    if (GraphicsPasswordXml.Build(xml, type, password, validTo) is { } device)
                    {
                        domain.UpdateDevice(device, DomainDeviceModifyFlags.Live);
                    }
                }
                return (ServiceError?)null;
            }, CancellationToken.None);
        }
        catch (LibvirtException e) when (e.Code == LibvirtErrorCode.NoDomain)
        {
            return ViewerErrors.NotRunning(desktopId, "not running on its hypervisor");
        }
        catch (LibvirtException e)
        {
            return new ServiceError(ServiceErrorKind.Conflict, VideoProblemCodes.DisplayUnreachable,
                "Display password not set", e.Message);
        }
    }
}
