using System.Text;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Volumes;

// The real sharplet process, joined to the test cluster, SIGKILLed under a running pod of a real cluster's
// shape (the kube-api-access volume ServiceAccount admission adds, a configMap, a secret on tmpfs, a
// memory emptyDir) and started again: the pod's volumes are adopted as they are. Nothing is mounted a second
// time or left mounted, the token and the secret are not rewritten under the container (their ..data links
// still point at the same timestamped directories), the container is not restarted, and the volumes keep
// following their sources under the new process.
public sealed class VolumeRestartTests : IAsyncLifetime
{
    private const string TokenDir = "/var/run/secrets/kubernetes.io/serviceaccount";
    private readonly Sharplet.Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("volrestart");
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private string ns = null!;

    public async Task InitializeAsync()
    {
        ns = await TestApiServer.CreateNamespaceAsync(admin, "volrestart");
        await VolumeCluster.CreateClusterObjectsAsync(admin, ns);
    }

    public async Task DisposeAsync()
    {
        await SharpletNode.RemoveEverythingAsync(settings);
        foreach (var delete in new Func<Task>[]
        {
            () => admin.DeleteAsync(KubeResources.Nodes, null, settings.HostnameOverride!, null, CancellationToken.None),
            () => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", settings.HostnameOverride!, null, CancellationToken.None),
        })
        {
            try
            {
                await delete();
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
            }
        }

        admin.Dispose();
    }

    [Fact]
    public async Task KilledWithSigkill_RestartedSharpletAdoptsVolumes_NoRemountNoTokenOrSecretRewrite_ContainerKeepsRunning()
    {
        await using var watch = new ApiPodWatch(admin, ns);
        await admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap { Metadata = new ObjectMeta { Name = "app" }, Data = new() { ["mode"] = "v1" } }, CancellationToken.None);
        await admin.CreateAsync(KubeResources.Secrets, ns, new Secret { Metadata = new ObjectMeta { Name = "creds" }, Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret") } }, CancellationToken.None);
        var pod = TestApiServer.TestPod("steady", ns, settings.HostnameOverride!);
        var container = pod.Spec!.Containers![0];
        container.ImagePullPolicy = "IfNotPresent";
        container.Command = ["sleep", "3600"];
        pod.Spec.Volumes =
        [
            new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app" } },
            new Volume { Name = "sec", Secret = new SecretVolumeSource { SecretName = "creds" } },
            new Volume { Name = "mem", EmptyDir = new EmptyDirVolumeSource { Medium = StorageMedium.Memory } },
        ];
        container.VolumeMounts =
        [
            new VolumeMount { Name = "cfg", MountPath = "/cfg" },
            new VolumeMount { Name = "sec", MountPath = "/sec" },
            new VolumeMount { Name = "mem", MountPath = "/mem" },
        ];

        // No opt-out: ServiceAccount admission adds the kube-api-access-* volume and its mount.
        var created = await admin.CreateAsync(KubeResources.Pods, ns, pod, CancellationToken.None);
        var uid = created.Metadata!.Uid!;
        created.Spec!.Volumes!.ShouldContain(v => v.Name.StartsWith("kube-api-access-", StringComparison.Ordinal), "ServiceAccount admission is off on the test cluster");
        var podVolumes = Path.Combine(settings.RootDir, "pods", uid, "volumes");
        var args = AgentArgs();

        Pod before;
        List<string> mountsBefore;
        Dictionary<string, string?> linksBefore;
        string tokenBefore;
        using (var first = SharpletProcess.Start(settings, args))
        {
            before = await WaitRunningAsync(watch, "running under the first process", first);
            tokenBefore = await ShAsync(before, $"cat {TokenDir}/token");
            (await ShAsync(before, "echo kept > /mem/scratch; cat /sec/password")).ShouldBe("s3cret");
            mountsBefore = MountsUnder(podVolumes);
            linksBefore = DataLinks(podVolumes);
            first.Kill();
        }

        // The pod's tmpfs volumes (secret, memory emptyDir, the projected token volume) outlive the agent.
        mountsBefore.Count.ShouldBe(3, string.Join(", ", mountsBefore));
        linksBefore.Count.ShouldBe(3, string.Join(", ", linksBefore.Keys));

        using var second = SharpletProcess.Start(settings, args);

        // Two edits seen in the container: the second process has set the pod's volumes up again at least
        // once in full after the first edit (volumes are set up in order within one pass), the token's included.
        foreach (var mode in new[] { "v2", "v3" })
        {
            var cm = await admin.GetAsync(KubeResources.ConfigMaps, ns, "app", CancellationToken.None);
            cm.Data!["mode"] = mode;
            await admin.UpdateAsync(KubeResources.ConfigMaps, ns, cm, CancellationToken.None);
            await UntilAsync(before, "cat /cfg/mode", mode, second);
        }

        var after = watch.Get(ns, "steady")!;
        var status = ConnectedCluster.Container(after)!;
        status.ContainerID.ShouldBe(ConnectedCluster.Container(before)!.ContainerID, "the container was restarted");
        status.RestartCount.ShouldBe(0);
        status.State!.Running.ShouldNotBeNull();
        MountsUnder(podVolumes).ShouldBe(mountsBefore, "a volume was mounted again or unmounted");
        var linksAfter = DataLinks(podVolumes);
        foreach (var (volume, target) in linksBefore.Where(l => !l.Key.EndsWith("/cfg", StringComparison.Ordinal)))
        {
            linksAfter[volume].ShouldBe(target, $"{volume} was rewritten after the restart");
        }

        (await ShAsync(before, $"cat /mem/scratch; cat {TokenDir}/token")).ShouldBe("kept\n" + tokenBefore);
        (await VolumeCluster.ReviewAsync(admin, tokenBefore)).ShouldBe($"system:serviceaccount:{ns}:default");
        second.Output.ShouldNotContain(l => l.Contains("Stopping pod", StringComparison.Ordinal) || l.Contains("FailedMount", StringComparison.Ordinal));
    }

    // Rotation without waiting out a token's life (the API's minimum is 600 s, refreshed at 80 %): the agent is
    // down while the token the volume holds ages. The test stands in for the passing time by replacing the
    // file with one whose claims say it was issued 50 minutes ago (kube-api-access asks for 3607 s: 83 % of its
    // life, due but not expired; same pod, account and audience; unsigned, as the agent reads the claims and
    // never the signature). The restarted agent adopts it, finds it due, requests a
    // new one from the real API and swaps it in under the running container.
    [Fact]
    public async Task TokenDueForRefreshWhenTheAgentRestarts_IsRequestedAgainAndSwappedIn_ContainerKeepsRunning()
    {
        await using var watch = new ApiPodWatch(admin, ns);
        var pod = TestApiServer.TestPod("rotate", ns, settings.HostnameOverride!);
        pod.Spec!.Containers![0].ImagePullPolicy = "IfNotPresent";
        pod.Spec.Containers[0].Command = ["sleep", "3600"];
        var uid = (await admin.CreateAsync(KubeResources.Pods, ns, pod, CancellationToken.None)).Metadata!.Uid!;
        var args = AgentArgs();
        Pod before;
        string aged;
        using (var first = SharpletProcess.Start(settings, args))
        {
            before = await WaitRunningAsync(watch, "running under the first process", first, "rotate");
            var token = await ShAsync(before, $"cat {TokenDir}/token");
            first.Kill();
            aged = Aged(token, TimeSpan.FromMinutes(50));
            var access = Directory.EnumerateDirectories(Path.Combine(settings.RootDir, "pods", uid, "volumes", "kubernetes.io~projected")).Single();
            File.WriteAllText(Path.Combine(access, "..data", "token"), aged);
        }

        (await ShAsync(before, $"cat {TokenDir}/token")).ShouldBe(aged);
        using var second = SharpletProcess.Start(settings, args);
        var deadline = DateTimeOffset.UtcNow + VolumeCluster.Timeout;
        string now;
        while ((now = await ShAsync(before, $"cat {TokenDir}/token")) == aged)
        {
            (DateTimeOffset.UtcNow < deadline).ShouldBeTrue($"pod {ns}/rotate still has the aged token {VolumeCluster.Timeout.TotalSeconds}s after the restart; agent output: " +
                string.Join('\n', second.Output.TakeLast(30)));
            await Task.Delay(250);
        }

        (await VolumeCluster.ReviewAsync(admin, now)).ShouldBe($"system:serviceaccount:{ns}:default");
        var claims = System.Text.Json.Nodes.JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(now.Split('.')[1]))!;
        claims["kubernetes.io"]!["pod"]!["uid"]!.GetValue<string>().ShouldBe(uid);
        (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - claims["iat"]!.GetValue<long>()).ShouldBeLessThan(120);
        ConnectedCluster.Container(watch.Get(ns, "rotate"))!.ContainerID.ShouldBe(ConnectedCluster.Container(before)!.ContainerID);
    }

    // Joined with the node's own identity; a short sync period so the tests see each setup pass within seconds.
    private string[] AgentArgs() =>
        ["--kubeconfig", NodeKubeconfig.Write(Path.GetDirectoryName(settings.RootDir)!, settings.HostnameOverride!), "--sync-frequency", "2s"];

    // The token with iat, nbf, exp and warnafter moved back by age; the signature is dropped.
    private static string Aged(string token, TimeSpan age)
    {
        var parts = token.Split('.');
        var claims = System.Text.Json.Nodes.JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        foreach (var name in new[] { "iat", "nbf", "exp" })
        {
            if (claims[name] is { } value)
            {
                claims[name] = value.GetValue<long>() - (long)age.TotalSeconds;
            }
        }

        if (claims["kubernetes.io"]?["warnafter"] is { } warn)
        {
            claims["kubernetes.io"]!["warnafter"] = warn.GetValue<long>() - (long)age.TotalSeconds;
        }

        return parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString())) + ".aged";
    }

    private async Task<Pod> WaitRunningAsync(ApiPodWatch watch, string what, SharpletProcess agent, string name = "steady")
    {
        try
        {
            var (_, running) = await watch.WaitForAsync(ns, name, what, p => ConnectedCluster.Container(p)?.State?.Running is not null, VolumeCluster.Timeout);
            return running!;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "; agent output: " + string.Join('\n', agent.Output.TakeLast(30)), ex);
        }
    }

    private async Task UntilAsync(Pod pod, string script, string expected, SharpletProcess agent)
    {
        var deadline = DateTimeOffset.UtcNow + VolumeCluster.Timeout;
        string seen;
        while ((seen = await ShAsync(pod, script)) != expected)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"pod {ns}/steady: `{script}` still says \"{seen}\", not \"{expected}\", {VolumeCluster.Timeout.TotalSeconds}s after the edit; " +
                    "agent output: " + string.Join('\n', agent.Output.TakeLast(30)));
            }

            await Task.Delay(250);
        }
    }

    private async Task<string> ShAsync(Pod pod, string script)
    {
        using var cri = new CriConnection(settings.ContainerRuntimeEndpoint, null, new Sharplet.Grpc.GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);
        return await VolumeCluster.ShAsync(cri.Runtime, pod, script);
    }

    // Every mount point under the pod's volumes, once per mount (a second tmpfs on the same path shows twice).
    private static List<string> MountsUnder(string dir) =>
        Sharplet.Cm.MountInfo.ReadAll().Select(m => m.MountPoint).Where(p => p.StartsWith(dir + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    // Each atomically written volume's ..data target (its current timestamped directory).
    private static Dictionary<string, string?> DataLinks(string dir) =>
        Directory.EnumerateDirectories(dir).SelectMany(Directory.EnumerateDirectories)
            .Where(v => new FileInfo(Path.Combine(v, "..data")).LinkTarget is not null)
            .ToDictionary(v => Path.GetRelativePath(dir, v), v => new FileInfo(Path.Combine(v, "..data")).LinkTarget, StringComparer.Ordinal);
}
