using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

public sealed class CgroupServicesTests
{
    [Fact]
    public void Defaults_EnforcePodsAllocatableWithQosCgroups()
    {
        var settings = CgroupServices.Settings(new SharpletSettings());

        settings.CgroupsPerQos.ShouldBeTrue();
        settings.EnforcePodsAllocatable.ShouldBeTrue();
        settings.PodPidsLimit.ShouldBe(-1);
    }

    [Fact]
    public void PodPidsLimitZero_IsRefusedNamingTheField()
    {
        var ex = Should.Throw<ConfigException>(() => CgroupServices.Settings(new SharpletSettings { PodPidsLimit = 0 }));

        ex.Message.ShouldStartWith("podPidsLimit: 0");
    }

    [Fact]
    public void EnforcePodsWithoutQosCgroups_IsRefusedAsUpstreamDoes()
    {
        var ex = Should.Throw<ConfigException>(() => CgroupServices.Settings(new SharpletSettings { CgroupsPerQos = false }));

        ex.Message.ShouldContain("cgroupsPerQOS");
    }

    [Fact]
    public void EnforceNone_WithoutQosCgroups_IsAccepted() =>
        CgroupServices.Settings(new SharpletSettings { CgroupsPerQos = false, EnforceNodeAllocatable = ["none"] }).EnforcePodsAllocatable.ShouldBeFalse();

    [Theory]
    [InlineData("system-reserved", "not supported")]
    [InlineData("pod", "is not one of")]
    public void EnforceOtherKeys_AreRefusedNamingTheValue(string key, string why)
    {
        var ex = Should.Throw<ConfigException>(() => CgroupServices.Settings(new SharpletSettings { EnforceNodeAllocatable = ["pods", key] }));

        ex.Message.ShouldContain($"\"{key}\"");
        ex.Message.ShouldContain(why);
    }
}
