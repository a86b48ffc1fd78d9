using Microsoft.Extensions.DependencyInjection;
using Sharplet.Hosting;
using Sharplet.KubeClient;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

// The node status and lease settings as upstream defaults and validates them.
public sealed class NodeStatusSettingsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sharplet-config-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ExplicitUpdateFrequencyWithoutReportFrequency_ReportsEveryUpdate()
    {
        var settings = Load("nodeStatusUpdateFrequency: 4s");

        (settings.NodeStatusUpdateFrequency, settings.NodeStatusReportFrequency).ShouldBe((TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void BothFrequencies_AreTakenAsGiven()
    {
        var settings = Load("nodeStatusUpdateFrequency: 4s\nnodeStatusReportFrequency: 1m");

        (settings.NodeStatusUpdateFrequency, settings.NodeStatusReportFrequency).ShouldBe((TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void ZeroValues_MeanTheDefaults()
    {
        var settings = Load("nodeStatusUpdateFrequency: 0s\nnodeStatusReportFrequency: 0s\nnodeLeaseDurationSeconds: 0");

        (settings.NodeStatusUpdateFrequency, settings.NodeStatusReportFrequency, settings.NodeLeaseDurationSeconds)
            .ShouldBe((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), 40));
    }

    [Fact]
    public void PortField_IsTheReportedKubeletPort()
    {
        Load("port: 10260").KubeletPort.ShouldBe(10260);
    }

    [Fact]
    public void YamlNumbers_LoadIntoIntegerAndFloatFields()
    {
        // YAML integers are 64-bit once converted; the int fields must still take them.
        var settings = Load("maxPods: 42\nkubeAPIQPS: 5\nkubeAPIBurst: 10\nhealthzPort: 0");

        (settings.MaxPods, settings.KubeApiQps, settings.KubeApiBurst, settings.HealthzPort).ShouldBe((42, 5.0, 10, 0));
    }

    [Fact]
    public void TextInAnIntegerField_IsAnErrorNamingTheField()
    {
        Should.Throw<ConfigException>(() => Load("maxPods: lots")).Message.ShouldEndWith("field \"maxPods\": \"lots\" is not a whole number");
    }

    [Theory]
    [InlineData("lease", "nodeLeaseDurationSeconds -1 must be greater than 0")]
    [InlineData("update", "nodeStatusUpdateFrequency (--node-status-update-frequency) -00:00:01 must be greater than 0")]
    public void NonPositivePeriods_AreRefusedBeforeTheyMakeATightLoop(string which, string message)
    {
        var settings = new SharpletSettings();
        if (which == "lease")
        {
            settings.NodeLeaseDurationSeconds = -1;
        }
        else
        {
            settings.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(-1);
        }

        var config = new KubeConfig(new KubeCluster("c", new Uri("https://10.0.0.1:6443")), new KubeUser("u"));

        Should.Throw<ConfigException>(() => new ServiceCollection().AddConnectedNode(settings, config)).Message.ShouldBe(message);
    }

    private SharpletSettings Load(string fields)
    {
        var path = Path.Combine(directory, "config.yaml");
        File.WriteAllText(path, $"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n{fields}\n");
        var settings = new SharpletSettings();
        KubeletConfigFile.Apply(path, settings);
        return settings;
    }
}
