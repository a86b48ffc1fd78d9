using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Sharplet.Config;
using Sharplet.Cri;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.Pods;
using Sharplet.Volumes;

namespace Sharplet.Bench;

// The floor for "the same pod": the configs Sharplet itself would send for the manifest (built by Sharplet's own
// builders, before the clock starts), then the three CRI calls. What remains between this and Sharplet's time is
// Sharplet's orchestration: noticing the file, deciding, reading state, reporting. The pods carry another node
// label and their files live under their own root, so the running agent leaves them alone.
internal sealed class SamePodCri(IServiceProvider services, IRuntimeService runtime, string rawRoot, string nodeLabel)
{
    private readonly SandboxConfigBuilder sandboxes = services.GetRequiredService<SandboxConfigBuilder>();
    private readonly ContainerConfigBuilder containers = new(
        services.GetRequiredService<EnvironmentBuilder>(), new PodDirectories(rawRoot), services.GetRequiredService<NodeContext>(),
        services.GetRequiredService<RuntimeSettings>());

    public async Task<double> StartPodAsync(string name, string manifest, CancellationToken cancellationToken)
    {
        var pod = ManifestDecoder.Decode(name + ".yaml", manifest, nodeLabel, DateTimeOffset.UtcNow).Pods.Single();
        var sandbox = sandboxes.Build(pod, 0);
        sandbox.Labels[KubeLabels.NodeName] = nodeLabel;
        Directory.CreateDirectory(sandbox.LogDirectory);

        // The pod IP only changes the /etc/hosts text, not the mounts: the config is built before the sandbox.
        var container = await containers.BuildAsync(
            pod, pod.Spec!.Containers![0], 0, pod.Spec.Containers[0].Image!, [], new Dictionary<string, MountedVolume>(), cancellationToken);

        var watch = Stopwatch.StartNew();
        var id = await runtime.RunPodSandboxAsync(sandbox, string.Empty, cancellationToken);
        var cid = await runtime.CreateContainerAsync(id, container, sandbox, cancellationToken);
        await runtime.StartContainerAsync(cid, cancellationToken);
        return watch.Elapsed.TotalMilliseconds;
    }
}
