using Hyperfleet.Core.Overlay;
using System.Xml.Linq;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Desktops;

namespace Hyperfleet.Core.Tests.Desktops;

public sealed class DomainXmlBuilderTests
{
    private static DomainSpec Spec(bool kvm = true, string listen = GraphicsListen.Loopback, string disk = "/opt/isard/groups/d1.qcow2",
        string? title = null) =>
        new("d1", 2048, 2, kvm, disk, new GraphicsPorts(5902, 5903), listen, title);

    [Fact]
    public void Build_Desktop_NamesUuidMemoryVcpusAndPoweroff()
    {
        var xml = XElement.Parse(DomainXmlBuilder.Build(Spec()));
        Assert.Equal("hf-d1", (string?)xml.Element("name"));
        Assert.Equal(DesktopDomainNames.UuidOf("d1").ToString("D"), (string?)xml.Element("uuid"));
        Assert.Equal("2048", (string?)xml.Element("memory"));
        Assert.Equal("MiB", (string?)xml.Element("memory")!.Attribute("unit"));
        Assert.Equal("2", (string?)xml.Element("vcpu"));
        Assert.Equal("destroy", (string?)xml.Element("on_poweroff"));
    }

    [Theory]
    [InlineData(true, "kvm")]
    [InlineData(false, "qemu")]
    public void Build_KvmOrNot_DomainType(bool kvm, string type) =>
        Assert.Equal(type, (string?)XElement.Parse(DomainXmlBuilder.Build(Spec(kvm))).Attribute("type"));

    [Fact]
    public void Build_Disk_VirtioQcow2AtDiskPath()
    {
        var disk = XElement.Parse(DomainXmlBuilder.Build(Spec())).Element("devices")!.Element("disk")!;
        Assert.Equal("qcow2", (string?)disk.Element("driver")!.Attribute("type"));
        Assert.Equal("/opt/isard/groups/d1.qcow2", (string?)disk.Element("source")!.Attribute("file"));
        Assert.Equal("virtio", (string?)disk.Element("target")!.Attribute("bus"));
    }

    [Theory]
    [InlineData(HypervisorFlavour.Hypervisor, "127.0.0.1")]
    [InlineData(HypervisorFlavour.HypervisorStandalone, "0.0.0.0")]
    public void Build_Flavour_GraphicsListenAndExplicitPorts(HypervisorFlavour flavour, string address)
    {
        var devices = XElement.Parse(DomainXmlBuilder.Build(Spec(listen: GraphicsListen.For(flavour)))).Element("devices")!;
        var graphics = devices.Elements("graphics").ToDictionary(g => (string)g.Attribute("type")!);
        Assert.Equal("5902", (string?)graphics["vnc"].Attribute("port"));
        Assert.Equal("5903", (string?)graphics["spice"].Attribute("port"));
        foreach (var g in graphics.Values)
        {
            Assert.Equal("no", (string?)g.Attribute("autoport"));
            Assert.Equal(address, (string?)g.Attribute("listen"));
            Assert.Equal(address, (string?)g.Element("listen")!.Attribute("address"));
        }
    }

    [Fact]
    public void Build_DisplayLock_BothDisplaysHaveAnExpiredPassword()
    {
        var spec = new DomainSpec("d1", 512, 1, true, "/d.qcow2", new GraphicsPorts(5900, 5901), "127.0.0.1", Lock: new DisplayLock("vncpass1", "spicepass"));

        var graphics = XElement.Parse(DomainXmlBuilder.Build(spec)).Element("devices")!.Elements("graphics").ToList();

        Assert.Equal(["vncpass1", "spicepass"], graphics.Select(g => (string?)g.Attribute("passwd")));
        Assert.All(graphics, g => Assert.True(DateTime.Parse((string)g.Attribute("passwdValidTo")!, System.Globalization.CultureInfo.InvariantCulture) < DateTime.UtcNow));
    }

    [Fact]
    public void Build_HostileValues_AreEscaped()
    {
        var text = DomainXmlBuilder.Build(Spec(disk: "/opt/isard/groups/a'b\"<c>&d.qcow2", title: "<script>&'\""));
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        var xml = XElement.Parse(text);
        Assert.Equal("/opt/isard/groups/a'b\"<c>&d.qcow2", (string?)xml.Element("devices")!.Element("disk")!.Element("source")!.Attribute("file"));
        Assert.Equal("<script>&'\"", (string?)xml.Element("title"));
    }

    [Theory]
    [InlineData(0, 1, 5900, 5901)]
    [InlineData(2048, 0, 5900, 5901)]
    [InlineData(2048, 1, 5899, 5901)]
    [InlineData(2048, 1, 5900, 7900)]
    [InlineData(2048, 1, 5900, 5900)]
    public void Build_OutOfRange_Throws(int memory, int vcpus, int vnc, int spice) =>
        Assert.ThrowsAny<ArgumentException>(() => DomainXmlBuilder.Build(
            new DomainSpec("d1", memory, vcpus, true, "/d.qcow2", new GraphicsPorts(vnc, spice), GraphicsListen.Any)));

    [Fact]
    public void ReadGraphicsPorts_BuiltXml_RoundTrips() =>
        Assert.Equal((5902, 5903), DomainXmlReader.ReadGraphicsPorts(DomainXmlBuilder.Build(Spec())));

    [Theory]
    [InlineData("<domain><devices><graphics type='vnc' port='-1'/></devices></domain>")]
    [InlineData("<domain><devices/></domain>")]
    [InlineData("not xml")]
    public void ReadGraphicsPorts_NoPorts_Null(string xml) =>
        Assert.Equal((null, null), DomainXmlReader.ReadGraphicsPorts(xml));

    [Fact]
    public void Build_WithoutOverlay_HasNoNic()
    {
        var devices = XElement.Parse(DomainXmlBuilder.Build(Spec())).Element("devices")!;
        Assert.Null(devices.Element("interface"));
    }

    [Fact]
    public void Build_OnTheOverlay_NicIsAnOpenVSwitchPortWithTheOverlayMtuAndAStableMac()
    {
        var spec = Spec() with { Overlay = new OverlayNic(OverlayBridges.Overlay, 1386, OverlayNic.MacFor("d1")) };
        var nic = XElement.Parse(DomainXmlBuilder.Build(spec)).Element("devices")!.Element("interface")!;
        Assert.Equal("bridge", (string?)nic.Attribute("type"));
        Assert.Equal("ovsbr0", (string?)nic.Element("source")!.Attribute("bridge"));
        Assert.Equal("openvswitch", (string?)nic.Element("virtualport")!.Attribute("type"));
        Assert.Equal("virtio", (string?)nic.Element("model")!.Attribute("type"));
        Assert.Equal("1386", (string?)nic.Element("mtu")!.Attribute("size"));
        Assert.Equal(OverlayNic.MacFor("d1"), (string?)nic.Element("mac")!.Attribute("address"));
    }

    [Fact]
    public void MacFor_IsStablePerDesktop_LocallyAdministered_AndDiffersBetweenDesktops()
    {
        Assert.Equal(OverlayNic.MacFor("d1"), OverlayNic.MacFor("d1"));
        Assert.NotEqual(OverlayNic.MacFor("d1"), OverlayNic.MacFor("d2"));
        Assert.Matches("^52:54:00(:[0-9a-f]{2}){3}$", OverlayNic.MacFor("d1"));
    }

    [Fact]
    public void Build_WithAVlan_NicIsATaggedAccessPortOfTheTrunkBridge()
    {
        var spec = Spec() with { Vlan = new VlanNic(OverlayBridges.Trunk, 100, OverlayNic.MacFor("d1/vlan")) };
        var nic = XElement.Parse(DomainXmlBuilder.Build(spec)).Element("devices")!.Elements("interface").Single();
        Assert.Equal("br-trunk", (string?)nic.Element("source")!.Attribute("bridge"));
        Assert.Equal("100", (string?)nic.Element("vlan")!.Element("tag")!.Attribute("id"));
        Assert.Equal("openvswitch", (string?)nic.Element("virtualport")!.Attribute("type"));
    }
}
