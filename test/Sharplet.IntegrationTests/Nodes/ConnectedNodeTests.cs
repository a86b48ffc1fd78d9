using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;
using Sharplet.Nodes;
using Sharplet.Pods;

namespace Sharplet.IntegrationTests.Nodes;

// Sharplet joining the real kube-apiserver as its node, with a node credential of its own name: registration,
// reconcile on a second start, the lease and the Ready condition. Each test has its own node name.
public sealed class ConnectedNodeTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly List<string> nodeNames = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var name in nodeNames)
        {
            await DeleteQuietlyAsync(() => admin.DeleteAsync(KubeResources.Nodes, null, name, null, CancellationToken.None));
            await DeleteQuietlyAsync(() => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", name, null, CancellationToken.None));
        }

        admin.Dispose();
    }

    [Fact]
    public async Task Start_RegistersTheNodeWithLabelsAddressesResourcesAndNodeInfo()
    {
        var settings = Connected("register");
        settings.NodeIps = ["10.11.12.13"];
        settings.MaxPods = 42;
        settings.NodeLabels["example.com/role"] = "worker";
        await using var node = await SharpletNode.StartAsync(settings);

        // The start's own registration attempt has created it by now.
        var registered = await admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None);

        var facts = node.Service<NodeFacts>();
        registered.Metadata!.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["kubernetes.io/hostname"] = node.NodeName,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = facts.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = facts.Architecture,
            ["example.com/role"] = "worker",
        }, ignoreOrder: true);
        var status = registered.Status!;
        status.Addresses!.Select(a => $"{a.Type}={a.Address}").ShouldBe(["InternalIP=10.11.12.13", $"Hostname={node.NodeName}"]);

        status.Capacity!["cpu"].Value().ShouldBe(facts.Cpus);
        status.Capacity["memory"].Value().ShouldBe(facts.MemoryBytes / 1024 * 1024);
        status.Capacity["ephemeral-storage"].Value().ShouldBe(facts.EphemeralStorageBytes!.Value / 1024 * 1024);
        status.Capacity["pods"].Value().ShouldBe(42);
        var allocatable = node.Service<NodeContext>().Allocatable;
        foreach (var resource in new[] { "cpu", "memory", "ephemeral-storage", "pods" })
        {
            status.Allocatable![resource].ShouldBe(allocatable[resource], $"allocatable {resource}");
        }

        // Upstream's defaults: memory less the 100Mi hard eviction threshold, ephemeral storage less 10%.
        status.Allocatable!["memory"].Value().ShouldBe(status.Capacity["memory"].Value() - (100 * 1024 * 1024));
        var storage = status.Capacity["ephemeral-storage"].Value();
        status.Allocatable["ephemeral-storage"].Value().ShouldBe(storage - (long)(storage * 10.0 / 100));

        var version = await node.Runtime.VersionAsync(CancellationToken.None);
        var info = status.NodeInfo!;
        info.MachineID.ShouldBe(facts.MachineId);
        info.SystemUUID.ShouldBe(facts.SystemUuid);
        info.BootID.ShouldBe(facts.BootId);
        info.KernelVersion.ShouldBe(facts.KernelVersion);
        info.OsImage.ShouldBe(facts.OsImage);
        info.ContainerRuntimeVersion.ShouldBe($"{version.RuntimeName}://{version.RuntimeVersion}");
        info.ContainerRuntimeVersion.ShouldStartWith("containerd://");
        info.KubeletVersion.ShouldBe(KubeletVersion.Value);
        info.OperatingSystem.ShouldBe("linux");
        info.Architecture.ShouldBe(facts.Architecture);
        status.DaemonEndpoints!.KubeletEndpoint!.Port.ShouldBe(node.Settings.KubeletPort);
        node.Log.ShouldContain($"Information: Successfully registered node {node.NodeName}");
    }

    [Fact]
    public async Task SecondStart_ReconcilesTheExistingNodeInsteadOfReplacingIt()
    {
        var settings = Connected("reconcile");
        settings.NodeIps = ["10.20.0.1"];
        Node first;
        await using (var node = await SharpletNode.StartAsync(settings))
        {
            first = await admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None);
        }

        // Meanwhile someone changed a default label and the pods capacity; an operator added a label of their own.
        var name = settings.HostnameOverride!;
        await admin.PatchAsync(KubeResources.Nodes, null, name, KubePatch.Merge(new()
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["labels"] = new System.Text.Json.Nodes.JsonObject { ["kubernetes.io/hostname"] = "tampered", ["example.com/operator"] = "kept" },
            },
        }), CancellationToken.None);
        await admin.PatchStatusAsync(KubeResources.Nodes, null, name, KubePatch.Merge(new()
        {
            ["status"] = new System.Text.Json.Nodes.JsonObject { ["capacity"] = new System.Text.Json.Nodes.JsonObject { ["pods"] = "1" } },
        }), CancellationToken.None);

        // Second start: two node IPs now (the address list must not fold by type), other max pods, a new --node-labels entry.
        Directory.CreateDirectory(settings.StaticPodPath!);
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), name);
        settings.NodeIps = ["10.20.0.1", "10.20.0.2"];
        settings.MaxPods = 57;
        settings.NodeLabels["example.com/added-later"] = "x";
        await using var second = await SharpletNode.StartAsync(settings);

        var node2 = await admin.GetAsync(KubeResources.Nodes, null, name, CancellationToken.None);
        node2.Metadata!.Uid.ShouldBe(first.Metadata!.Uid);
        node2.Metadata.Labels!["kubernetes.io/hostname"].ShouldBe(name);
        node2.Metadata.Labels["example.com/operator"].ShouldBe("kept");

        // As upstream: --node-labels apply at registration only, a restart does not add or restore them.
        node2.Metadata.Labels.ShouldNotContainKey("example.com/added-later");
        node2.Status!.Addresses!.Select(a => $"{a.Type}={a.Address}").ShouldBe(["InternalIP=10.20.0.1", "InternalIP=10.20.0.2", $"Hostname={name}"]);
        node2.Status.Capacity!["pods"].Value().ShouldBe(57);
        node2.Status.Allocatable!["pods"].Value().ShouldBe(57);
        second.Log.ShouldContain($"Information: Node {name} was previously registered");
    }

    [Fact]
    public async Task Lease_IsCreatedOwnedByTheNodeAndRenewedEveryQuarterOfItsDuration()
    {
        var settings = Connected("lease");
        settings.NodeLeaseDurationSeconds = 4;
        await using var node = await SharpletNode.StartAsync(settings);
        var registered = await admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None);

        var lease = await ApiPoll.UntilAsync(
            () => admin.GetAsync(KubeResources.Leases, "kube-node-lease", node.NodeName, CancellationToken.None), _ => true, "created", TimeSpan.FromSeconds(10));

        lease.Spec!.HolderIdentity.ShouldBe(node.NodeName);
        lease.Spec.LeaseDurationSeconds.ShouldBe(4);
        var owner = lease.Metadata!.OwnerReferences.ShouldHaveSingleItem();
        (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid).ShouldBe(("v1", "Node", node.NodeName, registered.Metadata!.Uid!));

        // Renewed every 1 s (4 s / 4, plus up to 4% jitter): watch two renewals and measure the second gap.
        var first = lease.Spec.RenewTime!.Value;
        var second = await NextRenewalAsync(node.NodeName, first);
        var third = await NextRenewalAsync(node.NodeName, second);
        (third - second).TotalSeconds.ShouldBeInRange(0.7, 2.0);
    }

    [Fact]
    public async Task RuntimeAndNetworkReady_NodeIsReadyWithUpstreamReasons()
    {
        await using var node = await SharpletNode.StartAsync(Connected("ready"));

        var ready = await ApiPoll.UntilAsync(
            () => admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None),
            n => Condition(n, "Ready")?.Status == "True",
            "Ready=True",
            TimeSpan.FromSeconds(20),
            n => KubeJson.Serialize(n.Status?.Conditions));

        var condition = Condition(ready, "Ready")!;
        (condition.Reason, condition.Message).ShouldBe(("KubeletReady", "kubelet is posting ready status"));
        ready.Status!.Conditions!.Select(c => $"{c.Type}={c.Status}/{c.Reason}").ShouldBe(
            ["MemoryPressure=False/KubeletHasSufficientMemory", "DiskPressure=False/KubeletHasNoDiskPressure", "PIDPressure=False/KubeletHasSufficientPID", "Ready=True/KubeletReady"]);
        ready.Status.Conditions!.ShouldAllBe(c => c.LastHeartbeatTime != null && c.LastTransitionTime != null);
    }

    [Fact]
    public async Task UnchangedStatus_IsNotPatchedEveryPeriod()
    {
        var settings = Connected("quiet");
        settings.NodeStatusUpdateFrequency = TimeSpan.FromMilliseconds(300);
        settings.NodeStatusReportFrequency = TimeSpan.FromMinutes(5);
        await using var node = await SharpletNode.StartAsync(settings);

        // The loop's first sync always patches (nothing was reported yet); after it, only changes would.
        await LogWait.ForAsync(node, "status patched", TimeSpan.FromSeconds(10));
        var settled = await ApiPoll.UntilAsync(
            () => admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None),
            n => Condition(n, "Ready")?.Status == "True",
            "Ready=True",
            TimeSpan.FromSeconds(20));
        var syncs = node.Log.Count(l => l.Contains("status patched", StringComparison.Ordinal));

        // Several periods pass; the lease is the heartbeat, so the Node object must not be written.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var later = await admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None);
        later.Metadata!.ResourceVersion.ShouldBe(settled.Metadata!.ResourceVersion);
        node.Log.Count(l => l.Contains("status patched", StringComparison.Ordinal)).ShouldBe(syncs);
    }

    private static NodeCondition? Condition(Node node, string type) => node.Status?.Conditions?.Find(c => c.Type == type);

    private static string BaseDir(SharpletSettings settings) => Path.GetDirectoryName(settings.RootDir)!;

    private static async Task DeleteQuietlyAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private SharpletSettings Connected(string test)
    {
        var settings = SharpletNode.DefaultSettings(test);
        nodeNames.Add(settings.HostnameOverride!);
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), settings.HostnameOverride!);
        return settings;
    }

    private async Task<DateTimeOffset> NextRenewalAsync(string name, DateTimeOffset after)
    {
        var lease = await ApiPoll.UntilAsync(
            () => admin.GetAsync(KubeResources.Leases, "kube-node-lease", name, CancellationToken.None),
            l => l.Spec?.RenewTime > after,
            $"renewed after {after:O}",
            TimeSpan.FromSeconds(5));
        return lease.Spec!.RenewTime!.Value;
    }
}
