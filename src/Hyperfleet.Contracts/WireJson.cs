using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts;

/// <summary>
/// The API's JSON conventions, for every side of the wire (server, CLI, agent, video proxy): snake_case names (as the
/// seeds' <c>vpn_tunneling_mode</c>), enums as their wire names.
/// </summary>
public static class WireJson
{
    /// <summary>Options with the conventions applied.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to <paramref name="options"/> and returns it.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        // An enum is its wire name: 1 for "spice" is malformed, never silently taken.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
