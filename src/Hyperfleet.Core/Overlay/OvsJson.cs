using System.Text.Json;

namespace Hyperfleet.Core.Overlay;

/// <summary>Reads <c>ovs-vsctl --format=json list Interface</c>: OVSDB's JSON, where maps and sets are tagged arrays.</summary>
public static class OvsJson
{
    /// <summary>The columns <see cref="ParseInterfaces"/> expects, in this order.</summary>
    public const string InterfaceColumns = "name,type,options,bfd_status,external_ids,error";

    public static IReadOnlyList<OvsInterface> ParseInterfaces(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var rows = new List<OvsInterface>();
        foreach (var row in doc.RootElement.GetProperty("data").EnumerateArray())
        {
            var cells = row.EnumerateArray().ToList();
            rows.Add(new OvsInterface(
                Scalar(cells[0]) ?? "",
                Scalar(cells[1]) ?? "",
                Map(cells[2]),
                Map(cells[3]),
                Map(cells[4]),
                Scalar(cells[5])));
        }
        return rows;
    }

    /// <summary>A plain value; an empty set (<c>["set",[]]</c>, OVSDB's null) is null.</summary>
    private static string? Scalar(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => cell.ToString(),
        JsonValueKind.Array when cell[0].GetString() == "set" && cell[1].GetArrayLength() == 0 => null,
        JsonValueKind.Array when cell[0].GetString() == "set" => Scalar(cell[1][0]),
        _ => cell.ToString(),
    };

    private static Dictionary<string, string> Map(JsonElement cell)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (cell.ValueKind == JsonValueKind.Array && cell[0].GetString() == "map")
        {
            foreach (var pair in cell[1].EnumerateArray())
            {
                map[pair[0].GetString() ?? ""] = Scalar(pair[1]) ?? "";
            }
        }
        return map;
    }
}
