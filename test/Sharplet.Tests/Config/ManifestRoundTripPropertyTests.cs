using System.Text.Json.Nodes;
using CsCheck;
using Sharplet.Api;
using Sharplet.Config;

namespace Sharplet.Tests.Config;

// Generated pods, written as JSON and as block YAML, decode to what was written, and any decoded pod re-encodes
// and decodes to the same pod.
[Collection(FuzzCollection.Name)]
public sealed class ManifestRoundTripPropertyTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 20];

    // Any printable text, also what YAML would otherwise read as a number, a bool, null or a comment.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char[' ', '~'], 0, 40],
        Gen.String[Gen.Char["é☃ü\t\\\"'#:-{}[]&*!|>%@`"], 0, 10],
        Gen.OneOf<string>("true", "no", "null", "~", "010", "0x1F", "1e3", "-", "", " ", "#x", "$(A)", ".inf", "1.5Gi"));

    private static readonly Gen<(string Name, string Value)[]> Env = Gen.Select(Name, Text).Array[0, 8];

    private static readonly Gen<(string Pod, string Image, (string Name, string Value)[] Env, string[] Args, int Port)> PodGen =
        Gen.Select(Name, Gen.Select(Name, Name, (a, b) => $"{a}/{b}:1"), Env, Text.Array[0, 5], Gen.Int[1, 65535]);

    private static JsonObject AsJson((string Pod, string Image, (string Name, string Value)[] Env, string[] Args, int Port) p)
    {
        var container = new JsonObject { ["name"] = "c", ["image"] = p.Image };
        if (p.Args.Length > 0)
        {
            container["args"] = new JsonArray(p.Args.Select(a => (JsonNode?)a).ToArray());
        }

        if (p.Env.Length > 0)
        {
            container["env"] = new JsonArray(p.Env.DistinctBy(e => e.Name).Select(e => (JsonNode?)new JsonObject { ["name"] = e.Name, ["value"] = e.Value }).ToArray());
        }

        container["ports"] = new JsonArray(new JsonObject { ["containerPort"] = p.Port });
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = p.Pod },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
        };
    }

    // Block YAML whose scalars are JSON strings (valid YAML double-quoted scalars), so the structure is YAML's.
    private static string AsYaml((string Pod, string Image, (string Name, string Value)[] Env, string[] Args, int Port) p)
    {
        static string Q(string s) => JsonValue.Create(s).ToJsonString();
        var env = string.Concat(p.Env.DistinctBy(e => e.Name).Select(e => $"    - name: {Q(e.Name)}\n      value: {Q(e.Value)}\n"));
        var args = string.Concat(p.Args.Select(a => $"    - {Q(a)}\n"));
        return $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {Q(p.Pod)}\nspec:\n  containers:\n  - name: c\n    image: {Q(p.Image)}\n"
            + (args.Length > 0 ? "    args:\n" + args : string.Empty)
            + (env.Length > 0 ? "    env:\n" + env : string.Empty)
            + $"    ports:\n    - containerPort: {p.Port}\n";
    }

    [Fact]
    public void GeneratedPods_DecodeToWhatWasWritten_InJsonAndYaml() =>
        PodGen.Sample(
            p =>
            {
                var fromJson = ManifestDecoder.Decode("/m/p.json", AsJson(p).ToJsonString(), "node-1", Now);
                var fromYaml = ManifestDecoder.Decode("/m/p.json", AsYaml(p), "node-1", Now);
                fromJson.Errors.ShouldBeEmpty();
                fromYaml.Errors.ShouldBeEmpty();
                var pod = fromJson.Pods.ShouldHaveSingleItem();
                var container = pod.Spec!.Containers!.ShouldHaveSingleItem();
                container.Image.ShouldBe(p.Image);
                (container.Args ?? []).ShouldBe(p.Args);
                (container.Env ?? []).Select(e => (e.Name, e.Value ?? string.Empty)).ShouldBe(p.Env.DistinctBy(e => e.Name).Select(e => (e.Name, e.Value)));
                KubeJson.Serialize(fromYaml.Pods.ShouldHaveSingleItem()).ShouldBe(KubeJson.Serialize(pod));
                PodRoundTrip.Check(pod);
            },
            iter: 2000,
            threads: 1);
}
