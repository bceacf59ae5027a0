using System.Text;

namespace Hyperfleet.Core.Video;

/// <summary>
/// A remote-viewer connection file (<c>.vv</c>, virt-viewer's INI format) for a SPICE display reached through the
/// video proxy's HTTP CONNECT listener: the ticket rides in the proxy URL's password (sent as
/// <c>Proxy-Authorization: Basic</c>), the display password in <c>password</c>.
/// </summary>
public static class VvFile
{
    /// <summary>The file's text.</summary>
    /// <param name="host">The display's host as the proxy dials it (the ticket's host).</param>
    /// <param name="port">The SPICE port there.</param>
    /// <param name="password">The display password just set.</param>
    /// <param name="proxyHost">Where the viewer reaches the proxy's CONNECT listener.</param>
    /// <param name="proxyPort">Its port.</param>
    /// <param name="ticket">The signed ticket.</param>
    /// <param name="title">The window title (the desktop's name).</param>
    public static string Build(string host, int port, string password, string proxyHost, int proxyPort, string ticket, string title)
    {
        var text = new StringBuilder();
        text.Append("[virt-viewer]\n");
        text.Append("type=spice\n");
        text.Append("host=").Append(Clean(host)).Append('\n');
        text.Append("port=").Append(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("password=").Append(Clean(password)).Append('\n');
        text.Append("proxy=http://ticket:").Append(Uri.EscapeDataString(ticket)).Append('@')
            .Append(proxyHost.Contains(':', StringComparison.Ordinal) ? "[" + proxyHost + "]" : proxyHost)
            .Append(':').Append(proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("title=").Append(Clean(title)).Append('\n');
        text.Append("delete-this-file=1\n");
        text.Append("fullscreen=0\n");
        return text.ToString();
    }

    // One line per key: a name with a line break would otherwise add keys of its own.
    private static string Clean(string value) =>
        new(value.Where(c => !char.IsControl(c)).ToArray());
}
