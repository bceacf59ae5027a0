using Hyperfleet.Core.Placement;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Desktops;

/// <summary>Refuses to start with a weigher name that placement does not know, naming the setting to fix.</summary>
public sealed class PlacementSettingsValidator : IValidateOptions<PlacementSettings>
{
    public ValidateOptionsResult Validate(string? name, PlacementSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PlacementPolicies.TryParse(options.Weigher, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Hyperfleet:Placement:Weigher '{options.Weigher}' is unknown; use one of: {string.Join(", ", PlacementPolicies.WireNames)}.");
    }
}
