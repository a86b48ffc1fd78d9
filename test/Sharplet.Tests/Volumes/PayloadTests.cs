using System.Text;
using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.TestSupport;
using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// What configMap, secret and downwardAPI sources turn into: upstream's MakePayload and CollectData.
public sealed class PayloadTests
{
    private static readonly NodeContext Node = new("node-1", ["192.168.1.10"], PodBuilder.Resources(("cpu", "4"), ("memory", "8Gi")), 8L << 30, new Dictionary<string, string>());

    private static readonly Dictionary<string, byte[]> Data = new(StringComparer.Ordinal)
    {
        ["a"] = Encoding.UTF8.GetBytes("1"),
        ["b"] = Encoding.UTF8.GetBytes("2"),
    };

    [Fact]
    public void NoItems_EveryKeyIsAFileWithTheDefaultMode()
    {
        var payload = KeyedPayload.Make(Data, null, 0b110_100_000, optional: false, "configmap", "default/app");

        payload.Keys.Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
        payload["a"].Mode.ShouldBe(0b110_100_000);
    }

    [Fact]
    public void Items_OnlyListedKeysAtTheirPathsWithTheirModes()
    {
        var payload = KeyedPayload.Make(Data, [new KeyToPath { Key = "b", Path = "dir/b.txt", Mode = 0b100_000_000 }], 420, optional: false, "secret", "default/db");

        var file = payload.ShouldHaveSingleItem();
        file.Key.ShouldBe("dir/b.txt");
        file.Value.Mode.ShouldBe(0b100_000_000);
        Encoding.UTF8.GetString(file.Value.Data).ShouldBe("2");
    }

    [Fact]
    public void MissingKey_NotOptional_FailsNamingObjectAndKey() =>
        Should.Throw<VolumeObjectException>(() => KeyedPayload.Make(Data, [new KeyToPath { Key = "zzz", Path = "z" }], 420, optional: false, "configmap", "default/app"))
            .Message.ShouldBe("configmap default/app has no key \"zzz\" (items[0].key), and the source is not optional");

    [Fact]
    public void MissingKey_Optional_MountsWhatExists() =>
        KeyedPayload.Make(Data, [new KeyToPath { Key = "zzz", Path = "z" }, new KeyToPath { Key = "a", Path = "a" }], 420, optional: true, "configmap", "default/app")
            .Keys.ShouldBe(["a"]);

    [Fact]
    public void ConfigMap_DataAndBinaryDataTogether()
    {
        var all = KeyedPayload.Of(new ConfigMap { Data = new() { ["text"] = "hi" }, BinaryData = new() { ["bin"] = [0, 255] } });

        all["bin"].ShouldBe(new byte[] { 0, 255 });
        Encoding.UTF8.GetString(all["text"]).ShouldBe("hi");
    }

    [Fact]
    public void DownwardApi_FieldsLabelsAndCpuWithDivisor()
    {
        var pod = new PodBuilder().Container("c", c => c.Resources = new ResourceRequirements { Limits = PodBuilder.Resources(("cpu", "250m")) }).Build();
        pod.Metadata!.Labels = new() { ["tier"] = "web", ["app"] = "say \"hi\"" };
        var items = new List<DownwardAPIVolumeFile>
        {
            new() { Path = "name", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } },
            new() { Path = "labels", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels" }, Mode = 256 },
            new() { Path = "cpu", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "c", Resource = "limits.cpu", Divisor = Quantity.Parse("1m") } },
            new() { Path = "cpu-cores", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "c", Resource = "limits.cpu" } },
            new() { Path = "mem", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "c", Resource = "limits.memory", Divisor = Quantity.Parse("1Mi") } },
        };

        var payload = DownwardApiPayload.Make(items, pod, Node, 420);

        Text(payload, "name").ShouldBe("web");
        Text(payload, "labels").ShouldBe("app=\"say \\\"hi\\\"\"\ntier=\"web\"");
        payload["labels"].Mode.ShouldBe(256);
        Text(payload, "cpu").ShouldBe("250");
        Text(payload, "cpu-cores").ShouldBe("1");
        Text(payload, "mem").ShouldBe("8192");
    }

    [Fact]
    public void DownwardApi_UnknownContainer_IsNamed() =>
        Should.Throw<VolumeObjectException>(() => DownwardApiPayload.Make(
            [new DownwardAPIVolumeFile { Path = "x", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "nope", Resource = "limits.cpu" } }],
            new PodBuilder().Container("c").Build(), Node, 420)).Message.ShouldContain("unknown container \"nope\"");

    private static string Text(Dictionary<string, FileProjection> payload, string path) => Encoding.UTF8.GetString(payload[path].Data);
}
