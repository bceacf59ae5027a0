namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>
/// Every test that uses the testbed belongs to this collection: one testbed per test run, and
/// its tests run one after another (they share hosts and inject faults into them).
/// </summary>
[CollectionDefinition(Name)]
public sealed class TestbedCollection : ICollectionFixture<TestbedFixture>
{
    public const string Name = "testbed";
}
