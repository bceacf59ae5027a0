using System.Text.Json;
using System.Text.Json.Serialization;
using Hyperfleet.Contracts;

namespace Hyperfleet.Server.Api.Json;

/// <summary>The API's JSON conventions (<see cref="WireJson"/>), and the strict reading of request bodies.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For request bodies: unknown members are an error, so a typo never silently does nothing.</summary>
    public static readonly JsonSerializerOptions StrictOptions = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options) => WireJson.Configure(options);
}
