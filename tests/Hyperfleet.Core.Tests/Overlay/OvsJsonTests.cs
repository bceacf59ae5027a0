using System.Text.Json;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

public class OvsJsonTests
{
    /// <summary>
    /// Verbatim from Open vSwitch 3.1.0 (<c>ovs-vsctl --format=json --columns=name,type,options,bfd_status,external_ids,error
    /// list Interface</c>): a Hyperfleet Geneve port whose BFD peer is unreachable, a system port whose device does not
    /// exist, and the bridge's internal port.
    /// </summary>
    private const string Recorded =
        """{"data":[["gnv1","geneve",["map",[["key","4242"],["remote_ip","192.0.2.7"]]],["map",[["diagnostic","No Diagnostic"],["flap_count","0"],["forwarding","false"],["remote_diagnostic","No Diagnostic"],["remote_state","down"],["state","down"]]],["map",[["hyperfleet-hypervisor","hv-1"]]],["set",[]]],["nosuchdev0","",["map",[]],["map",[]],["map",[]],"could not open network device nosuchdev0 (No such device)"],["brp","internal",["map",[]],["map",[]],["map",[]],["set",[]]]],"headings":["name","type","options","bfd_status","external_ids","error"]}""";

    [Fact]
    public void ParseInterfaces_RecordedOutput_ReadsEveryRowInOrder()
    {
        var rows = OvsJson.ParseInterfaces(Recorded);

        Assert.Equal(["gnv1", "nosuchdev0", "brp"], rows.Select(r => r.Name));
        Assert.Equal(["geneve", "", "internal"], rows.Select(r => r.Type));
    }

    [Fact]
    public void ParseInterfaces_RecordedGenevePort_OptionsBfdAndMark()
    {
        var port = OvsJson.ParseInterfaces(Recorded)[0];

        Assert.Equal(new Dictionary<string, string> { ["key"] = "4242", ["remote_ip"] = "192.0.2.7" }, port.Options);
        Assert.Equal("hv-1", port.ExternalIds[GenevePortNames.HypervisorKey]);
        Assert.Equal(6, port.BfdStatus.Count);
        Assert.Equal("down", port.BfdState);
        Assert.Null(port.BfdDiagnostic);
        Assert.False(port.BfdUp);
        Assert.Null(port.Error);
    }

    [Fact]
    public void ParseInterfaces_RecordedPortError_IsTheMessage()
    {
        var port = OvsJson.ParseInterfaces(Recorded)[1];

        Assert.Equal("could not open network device nosuchdev0 (No such device)", port.Error);
        Assert.Empty(port.Options);
        Assert.Empty(port.BfdStatus);
        Assert.Empty(port.ExternalIds);
    }

    [Fact]
    public void ParseInterfaces_RecordedInternalPort_EmptyMapsAndNoError()
    {
        var port = OvsJson.ParseInterfaces(Recorded)[2];

        Assert.Empty(port.Options);
        Assert.Empty(port.BfdStatus);
        Assert.Empty(port.ExternalIds);
        Assert.Null(port.Error);
        Assert.Null(port.BfdState);
        Assert.False(port.BfdUp);
    }

    [Fact]
    public void ParseInterfaces_HandWrittenBfdUpWithDiagnostic_ReadsStateAndDiagnostic()
    {
        const string json = """
            {"data":[["gnv5f2a11c0","geneve",
              ["map",[["key","4242"],["remote_ip","100.72.0.11"],["dst_port","6081"]]],
              ["map",[["diagnostic","Control Detection Time Expired"],["flap_count","3"],["forwarding","true"],
                      ["remote_diagnostic","No Diagnostic"],["remote_state","up"],["state","up"]]],
              ["map",[["hyperfleet-hypervisor","hv-11"],["owner","hyperfleet"]]],
              ["set",[]]]],
             "headings":["name","type","options","bfd_status","external_ids","error"]}
            """;

        var port = Assert.Single(OvsJson.ParseInterfaces(json));

        Assert.Equal("gnv5f2a11c0", port.Name);
        Assert.Equal("6081", port.Options["dst_port"]);
        Assert.Equal("up", port.BfdState);
        Assert.True(port.BfdUp);
        Assert.Equal("Control Detection Time Expired", port.BfdDiagnostic);
        Assert.Equal(2, port.ExternalIds.Count);
        Assert.Null(port.Error);
    }

    [Fact]
    public void ParseInterfaces_HandWrittenEmptySetsForMapsAndError_EmptyAndNull()
    {
        // OVSDB writes an empty column as an empty set whatever its type; a parser must not take it for a value.
        const string json = """
            {"data":[["br-phy","",["set",[]],["set",[]],["set",[]],["set",[]]],
                     ["br-overlay","internal",["map",[]],["map",[]],["map",[]],["set",[]]]],
             "headings":["name","type","options","bfd_status","external_ids","error"]}
            """;

        var rows = OvsJson.ParseInterfaces(json);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Empty(r.Options);
            Assert.Empty(r.BfdStatus);
            Assert.Empty(r.ExternalIds);
            Assert.Null(r.Error);
        });
    }

    [Fact]
    public void ParseInterfaces_ErrorAsOneElementSet_IsTheMessage()
    {
        const string json = """
            {"data":[["gnv1","geneve",["map",[]],["map",[]],["map",[]],["set",["could not add network device gnv1 to ofproto (File exists)"]]]],
             "headings":["name","type","options","bfd_status","external_ids","error"]}
            """;

        var port = Assert.Single(OvsJson.ParseInterfaces(json));

        Assert.Equal("could not add network device gnv1 to ofproto (File exists)", port.Error);
    }

    [Fact]
    public void ParseInterfaces_EscapedCharacters_Unescaped()
    {
        const string json = """
            {"data":[["p1","geneve",["map",[]],["map",[]],["map",[["note","say \"hi\"\\ here"]]],"bad \u00e9"]],
             "headings":["name","type","options","bfd_status","external_ids","error"]}
            """;

        var port = Assert.Single(OvsJson.ParseInterfaces(json));

        Assert.Equal("say \"hi\"\\ here", port.ExternalIds["note"]);
        Assert.Equal("bad \u00e9", port.Error);
    }

    [Fact]
    public void ParseInterfaces_NoRows_Empty()
    {
        Assert.Empty(OvsJson.ParseInterfaces("""{"data":[],"headings":["name","type","options","bfd_status","external_ids","error"]}"""));
    }

    [Fact]
    public void ParseInterfaces_NotJson_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => OvsJson.ParseInterfaces("ovs-vsctl: unix:/run/db.sock: database connection failed"));
    }
}
