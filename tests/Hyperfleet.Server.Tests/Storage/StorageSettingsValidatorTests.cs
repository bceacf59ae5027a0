using Hyperfleet.Server.Storage;

namespace Hyperfleet.Server.Tests.Storage;

public sealed class StorageSettingsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Pass() => Assert.True(new StorageSettingsValidator().Validate(null, new StorageSettings()).Succeeded);

    [Fact]
    public void Validate_EveryBadSetting_IsNamed()
    {
        var result = new StorageSettingsValidator().Validate(null, new StorageSettings
        {
            Workers = 0,
            PollInterval = TimeSpan.Zero,
            Lease = TimeSpan.FromMilliseconds(10),
            BackoffInitial = TimeSpan.FromSeconds(5),
            BackoffCap = TimeSpan.FromSeconds(1),
            MaxAttempts = 0,
            CommandTimeout = TimeSpan.Zero,
        });
        Assert.True(result.Failed);
        foreach (var setting in new[] { "Workers", "PollInterval", "Lease", "BackoffCap", "MaxAttempts", "CommandTimeout" })
        {
            Assert.Contains(result.Failures!, f => f.Contains("Hyperfleet:Storage:" + setting, StringComparison.Ordinal));
        }
    }
}
