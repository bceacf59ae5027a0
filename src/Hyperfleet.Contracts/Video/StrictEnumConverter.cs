using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Video;

/// <summary>An enum read only from its wire name: <c>1</c> for <c>"spice"</c> is malformed, not silently accepted.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
