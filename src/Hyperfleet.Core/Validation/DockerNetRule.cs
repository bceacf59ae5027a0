namespace Hyperfleet.Core.Validation;

/// <summary><c>DOCKER_NET</c>: the first three octets of the /24 container network (default <c>172.31.255</c>).</summary>
public static class DockerNetRule
{
    /// <summary>The default container network prefix.</summary>
    public const string Default = "172.31.255";

    /// <summary>Checks a <c>DOCKER_NET</c> value; returns null when it is three decimal octets without leading zeros.</summary>
    public static RuleError? Validate(string? dockerNet)
    {
        var parts = dockerNet?.Split('.');
        if (parts is null || parts.Length != 3 || !parts.All(Ipv4Literal.IsCanonicalOctet))
        {
            return new RuleError(RuleCodes.DockerNetInvalid,
                $"DOCKER_NET must be the first three octets of the container network, e.g. {Default}.", "DOCKER_NET");
        }
        return null;
    }
}
