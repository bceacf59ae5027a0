using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Hyperfleet.Core.Certificates;

/// <summary>DNS names and IP addresses of a certificate, as one normalised list ("hv1.example.org", "10.0.0.5").</summary>
public static class SubjectAltNames
{
    /// <summary>Trimmed, lowercased, without duplicates, in first-seen order; IP literals in canonical form.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.Trim().Trim('[', ']').ToLowerInvariant();
            if (name.Length == 0)
            {
                continue;
            }
            if (IPAddress.TryParse(name, out var ip))
            {
                name = ip.ToString();
            }
            if (!result.Contains(name, StringComparer.Ordinal))
            {
                result.Add(name);
            }
        }
        return result;
    }

    public static X509Extension Extension(IEnumerable<string> names)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in Normalise(names))
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                builder.AddIpAddress(ip);
            }
            else
            {
                builder.AddDnsName(name);
            }
        }
        return builder.Build(critical: false);
    }

    /// <summary>The names in a certificate's (or request's) subjectAltName extensions.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<X509Extension> extensions)
    {
        var names = new List<string>();
        foreach (var extension in extensions)
        {
            if (extension.Oid?.Value != "2.5.29.17")
            {
                continue;
            }
            var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            names.AddRange(san.EnumerateDnsNames());
            names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
        }
        return Normalise(names);
    }

    public static IReadOnlyList<string> Of(X509Certificate2 certificate) => Of(certificate.Extensions.Cast<X509Extension>());
}
