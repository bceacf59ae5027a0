namespace Hyperfleet.Core.Certificates;

/// <summary>What the control plane puts in a leaf certificate; the names are its own, never copied from a request.</summary>
/// <param name="CommonName">The subject's CN (a host name or a role such as <c>hyperfleet control plane</c>).</param>
/// <param name="SubjectAltNames">DNS names and IP addresses the certificate is valid for (at least one).</param>
/// <param name="Lifetime">How long it is valid; default 365 days, at most 397 (the CA/Browser Forum limit).</param>
public sealed record LeafProfile(string CommonName, IReadOnlyList<string> SubjectAltNames, TimeSpan? Lifetime = null);
