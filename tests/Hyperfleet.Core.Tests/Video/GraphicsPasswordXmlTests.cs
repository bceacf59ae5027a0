using System.Xml.Linq;
using Hyperfleet.Core.Video;

namespace Hyperfleet.Core.Tests.Video;

public sealed class GraphicsPasswordXmlTests
{
    private const string Live = """
        <domain type='kvm'><name>hf-d1</name><devices>
          <graphics type='vnc' port='5900' autoport='no' listen='0.0.0.0' passwd='old' connected='keep'><listen type='address' address='0.0.0.0'/></graphics>
          <graphics type='spice' port='5901' autoport='no' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/><image compression='off'/></graphics>
        </devices></domain>
        """;

    [Fact]
    public void Build_Vnc_KeepsTheLiveDeviceAndSetsPasswordAndExpiry()
    {
        var xml = GraphicsPasswordXml.Build(Live, "vnc", "n3wPassw", new DateTimeOffset(2026, 12, 3, 12, 1, 0, TimeSpan.FromHours(1)));

        var element = XElement.Parse(xml!);
        Assert.Equal("5900", (string?)element.Attribute("port"));
        Assert.Equal("n3wPassw", (string?)element.Attribute("passwd"));
        Assert.Equal("2026-12-03T11:01:00", (string?)element.Attribute("passwdValidTo"));
        Assert.Null(element.Attribute("connected"));
        Assert.Equal("0.0.0.0", (string?)element.Element("listen")?.Attribute("address"));
    }

    [Fact]
    public void Build_Spice_KeepsItsChildren()
    {
        var element = XElement.Parse(GraphicsPasswordXml.Build(Live, "spice", "pw", DateTimeOffset.UnixEpoch)!);

        Assert.Equal("5901", (string?)element.Attribute("port"));
        Assert.NotNull(element.Element("image"));
    }

    [Fact]
    public void Build_NoSuchDisplay_IsNull() =>
        Assert.Null(GraphicsPasswordXml.Build("<domain><devices/></domain>", "vnc", "pw", DateTimeOffset.UnixEpoch));

    [Fact]
    public void Build_UnreadableXml_Throws() =>
        Assert.Throws<ArgumentException>(() => GraphicsPasswordXml.Build("<domain", "vnc", "pw", DateTimeOffset.UnixEpoch));
}
