using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

public sealed class BrokenManifestTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("broken"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    private static string Good(string name) => StaticPod.Sleeper(name).ToYaml();

    [Fact]
    public async Task TwentyManifests_SomeBroken_GoodOnesRunAndBadOnesAreReportedWithFileAndField()
    {
        var broken = new Dictionary<string, (string Yaml, string Expected)>
        {
            ["bad-yaml.yaml"] = ("apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: [", "bad-yaml.yaml"),
            // A typo no API type can hold, so it is made in the text.
            ["unknown-field.yaml"] = (Good("unknown").Replace("image: busybox", "imagee: busybox", StringComparison.Ordinal),
                "unknown field \"spec.containers[0].imagee\""),
            ["no-image.yaml"] = (StaticPod.Sleeper("noimage").With(c => c.Image = null).ToYaml(), "spec.containers[0].image: Required value"),
            ["bad-policy.yaml"] = (StaticPod.Sleeper("badpolicy").RestartPolicy("Sometimes").ToYaml(),
                "spec.restartPolicy: Unsupported value: \"Sometimes\""),
            ["bad-port.json"] = ("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"badport"},"spec":{"containers":[{"name":"c","image":"busybox","ports":[{"containerPort":70000}]}]}}""",
                "spec.containers[0].ports[0].containerPort"),
        };
        var good = Enumerable.Range(1, 15).Select(i => $"good-{i:00}").ToList();
        foreach (var name in good)
        {
            node.WriteManifest($"{name}.yaml", Good(name));
        }

        foreach (var (file, (yaml, _)) in broken)
        {
            node.WriteManifest(file, yaml);
        }

        foreach (var name in good)
        {
            await node.WaitForAsync(name, "Running", e => e.Status.Phase == PodPhase.Running, TimeSpan.FromSeconds(120));
        }

        var problems = node.Problems.All();
        foreach (var (file, (_, expected)) in broken)
        {
            problems.ShouldContain(p => p.Contains(Path.Combine(node.ManifestDir, file), StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal),
                $"no problem reported for {file} mentioning {expected}; problems: {string.Join(" | ", problems)}");
        }

        node.Statuses.All().Count.ShouldBe(good.Count);
        node.Log.ShouldContain(l => l.Contains("unknown field \"spec.containers[0].imagee\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunningPodsManifestBreaks_PodKeepsRunningAndTheProblemIsReported()
    {
        node.WriteManifest("edited.yaml", Good("edited"));
        var running = await node.WaitForAsync("edited", "Running", e => e.Status.Phase == PodPhase.Running);
        var containerId = SharpletNode.Container(running, "main").ContainerID;

        node.WriteManifest("edited.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: edited\n");
        await WaitForProblemAsync("edited.yaml");

        var still = node.Find("edited")!;
        SharpletNode.Container(still, "main").ContainerID.ShouldBe(containerId);
        (await node.SandboxesAsync("edited")).ShouldHaveSingleItem().State.ShouldBe(Sharplet.Cri.V1.PodSandboxState.SandboxReady);
    }

    private async Task WaitForProblemAsync(string file)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var path = Path.Combine(node.ManifestDir, file);
        while (true)
        {
            var next = node.Problems.NextChange;
            if (node.Problems.All().Any(p => p.Contains(path, StringComparison.Ordinal)))
            {
                return;
            }

            await next.WaitAsync(timeout.Token);
        }
    }
}
