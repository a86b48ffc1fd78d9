using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Cri;
using Sharplet.Doctor;
using Sharplet.Eviction;
using Sharplet.Grpc;
using Sharplet.Hosting;
using Sharplet.KubeClient;
using Sharplet.Nodes;

namespace Sharplet.Cli;

// The checks of `sharplet doctor`, built from the same settings (flags and --config) the agent would run with.
internal sealed class DoctorChecks : IDisposable
{
    private readonly CriConnection cri;
    private readonly Lazy<KubeApiClient>? api;

    public DoctorChecks(SharpletSettings settings, string? cniConfDir, string? cniBinDir, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cri = new CriConnection(settings.ContainerRuntimeEndpoint, settings.ImageServiceEndpoint, new GrpcChannelOptions(),
            new CriTimeouts { Request = DoctorRunner.CheckTimeout }, time);
        var runtime = new CriProbe(settings.ContainerRuntimeEndpoint, cri.Runtime);
        ApiProbe? apiProbe = null;
        if (!string.IsNullOrEmpty(settings.Kubeconfig))
        {
            var path = settings.Kubeconfig;
            api = new Lazy<KubeApiClient>(() => new KubeApiClient(KubeconfigLoader.Load(path), new KubeClientOptions
            {
                UserAgent = $"sharplet/{KubeletVersion.Value} (doctor)",
                RequestTimeout = DoctorRunner.CheckTimeout,
                MaxServerErrorRetries = 0,
            }, time, NullLogger<KubeApiClient>.Instance));
            apiProbe = new ApiProbe(() => api.Value, time);
        }

        var certDir = settings.EffectiveCertDir;
        var serving = new List<string>();
        if (!string.IsNullOrEmpty(settings.Server.TlsCertFile))
        {
            serving.Add(settings.Server.TlsCertFile);
        }

        if (settings.ServerTlsBootstrap)
        {
            serving.Add(Path.Combine(certDir, CertificateServices.ServingPairPrefix + "-current.pem"));
        }

        serving.Add(Path.Combine(certDir, Server.ServingCertificate.CertFileName));
        Checks =
        [
            new RuntimeCheck(runtime),
            new RuntimeReadyCheck(runtime),
            new CniCheck(runtime, cniConfDir, cniBinDir),
            new CgroupCheck(runtime, settings.CgroupRoot, HostFiles.Read),
            new SwapCheck(HostFiles.Read),
            new KernelCheck(HostFiles.Read),
            new ApiServerCheck(apiProbe),
            new CertificatesCheck(settings.Kubeconfig is { Length: > 0 } k ? k : null, serving, settings.EffectiveRotateCertificates, time),
            new ClockSkewCheck(apiProbe),
            new DiskCheck(settings.RootDir, cri.Images, ThresholdConfig.Parse(settings.EvictionHard, Empty, Empty, Empty, enforcePodsAllocatable: false)),
            new LeaseCheck(apiProbe, () => api!.Value, NodeIdentity.NodeName(settings), time),
            new StaticPodsCheck(settings.StaticPodPath, NodeIdentity.NodeName(settings), time),
        ];
    }

    public IReadOnlyList<IDoctorCheck> Checks { get; }

    private static Dictionary<string, string> Empty => new(StringComparer.Ordinal);

    public void Dispose()
    {
        if (api is { IsValueCreated: true })
        {
            api.Value.Dispose();
        }

        cri.Dispose();
    }
}
