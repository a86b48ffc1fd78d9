using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Volumes;

// Item paths that climb out of a volume ("..") or are absolute: the API server refuses such a pod at
// validation, so a cluster never sends one; a static pod manifest is validated by Sharplet as upstream's file
// source does (ValidatePodCreate), so the pod is refused with the file, the field and the path named, and
// the other manifests' pods, with their own items, run.
public sealed class ItemPathTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("itempath"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task StaticPodWithDotDotOrAbsoluteItemPath_IsRefusedNamingFileVolumeFieldAndPath_OtherPodsVolumesSetUp()
    {
        var bad = node.WriteManifest("escape.yaml", StaticPod.Sleeper("escape")
            .Volume(new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app", Items = [new KeyToPath { Key = "k", Path = "../../etc/escape" }] } })
            .Volume(new Volume { Name = "sec", Secret = new SecretVolumeSource { SecretName = "creds", Items = [new KeyToPath { Key = "k", Path = "/etc/absolute" }] } })
            .EmptyDir("scratch"));
        node.WriteManifest("fine.yaml", StaticPod.Sleeper("fine")
            .Volume(new Volume
            {
                Name = "info",
                DownwardAPI = new DownwardAPIVolumeSource { Items = [new DownwardAPIVolumeFile { Path = "meta/name", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } }] },
            })
            .EmptyDir("scratch"));

        var fine = await node.WaitForAsync("fine", "Running", e => e.Status.Phase == PodPhase.Running, TimeSpan.FromSeconds(60));
        var problem = await WaitForProblemAsync(bad);

        problem.ShouldContain("spec.volumes[0].configMap.items[0].path: Invalid value: \"../../etc/escape\": must not contain '..'");
        problem.ShouldContain("spec.volumes[1].secret.items[0].path: Invalid value: \"/etc/absolute\": must be a relative path");
        node.Find("escape").ShouldBeNull();
        var volumes = Path.Combine(node.Settings.RootDir, "pods", fine.Pod.Metadata!.Uid!, "volumes");
        File.ReadAllText(Path.Combine(volumes, "kubernetes.io~downward-api", "info", "meta", "name")).ShouldBe(node.PodName("fine"));
        Directory.Exists(Path.Combine(volumes, "kubernetes.io~empty-dir", "scratch")).ShouldBeTrue();
    }

    [Fact]
    public async Task ApiServer_RefusesAPodWithSuchItemPaths_NamingTheField()
    {
        using var admin = TestApiServer.Admin();
        var ns = await TestApiServer.CreateNamespaceAsync(admin, "itempath");
        var pod = TestApiServer.TestPod("escape", ns, node.NodeName);
        pod.Spec!.Volumes = [new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app", Items = [new KeyToPath { Key = "k", Path = "../escape" }] } }];

        var refused = await Should.ThrowAsync<KubeApiException>(() => admin.CreateAsync(KubeResources.Pods, ns, pod, CancellationToken.None));

        refused.Message.ShouldContain("spec.volumes[0].configMap.items[0].path");
        refused.Message.ShouldContain("must not contain '..'");
    }

    private async Task<string> WaitForProblemAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = node.Problems.NextChange;
            if (node.Problems.All().FirstOrDefault(p => p.Contains(path, StringComparison.Ordinal)) is { } problem)
            {
                return problem;
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no problem reported for {path} within 30s; problems: {string.Join(" | ", node.Problems.All())}");
            }
        }
    }
}
