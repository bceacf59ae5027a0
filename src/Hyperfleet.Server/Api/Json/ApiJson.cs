using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hyperfleet.Server.Api.Json;

/// <summary>The API's JSON conventions: snake_case names (as the seeds' <c>vpn_tunneling_mode</c>), enums as strings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For request bodies: unknown members are an error, so a typo never silently does nothing.</summary>
    public static readonly JsonSerializerOptions StrictOptions = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        // An enum is its wire name: 1 for "spice" is malformed, never silently taken.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
