using Sharplet.Hosting;

namespace Sharplet.Tests.Hosting;

public sealed class ProcessDefaultsTests
{
    [Fact]
    public void Apply_VariableUnset_CapsTheSharedArrayPoolAtTwoArraysPerSizeAndCore()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);

        ProcessDefaults.Apply(name => environment.GetValueOrDefault(name), (name, value) => environment[name] = value);

        environment.ShouldBe(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION"] = "2",
        });
    }

    [Theory]
    [InlineData("32")]
    [InlineData("8")]
    public void Apply_OperatorSetTheVariable_KeepsTheOperatorsValue(string value)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [ProcessDefaults.ArraysPerPartitionVariable] = value };

        ProcessDefaults.Apply(name => environment.GetValueOrDefault(name), (name, v) => environment[name] = v);

        environment[ProcessDefaults.ArraysPerPartitionVariable].ShouldBe(value);
    }
}
