using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.ProbeResults;
using Sharplet.TestSupport;
using static Sharplet.IntegrationTests.Prober.ProbeConditions;

namespace Sharplet.IntegrationTests.Prober;

// httpGet and tcpSocket probes from the node to the pod IP, against busybox's httpd and nc.
public sealed class NetworkProbeTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("probe-net"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task HttpGetReadiness_ByPortName_ReadyWhileThePageIsServed()
    {
        node.WriteManifest(new StaticPod("web").GracePeriod(2)
            .Shell("web", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www")
            .With(c =>
            {
                c.Ports = [new ContainerPort { Name = "http", Number = 8080 }];
                c.ReadinessProbe = new Probe { HttpGet = new HTTPGetAction { Path = "/index.html", Port = "http" }, PeriodSeconds = 1, FailureThreshold = 1 };
            }));

        var ready = await node.WaitForAsync("web", "Ready once httpd serves /index.html", PodReady);
        SharpletNode.Container(ready, "web").Ready.ShouldBeTrue();

        (await node.ExecAsync(ready, "web", "rm", "/www/index.html")).ShouldBe(0);
        await node.WaitForAsync("web", "not Ready once /index.html is gone", e => !PodReady(e));
        await node.WaitForLogAsync("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404", "the 404 as upstream words it");
    }

    [Fact]
    public async Task TcpSocketLiveness_KeepsAListeningContainer_RestartsOneThatStoppedListening()
    {
        // busybox nc has no -k: -ll keeps listening after each connection. Killing nc leaves sleep running
        // with the port closed, so only the liveness probe can notice.
        node.WriteManifest(new StaticPod("tcp").GracePeriod(2)
            .Shell("echo", "nc -ll -p 9000 -e /bin/cat; sleep 3600")
            .With(c => c.LivenessProbe = new Probe { TcpSocket = new TCPSocketAction { Port = 9000 }, PeriodSeconds = 1, FailureThreshold = 2 }));
        var running = await node.WaitForAsync("tcp", "echo running", e => Running(e, "echo"));

        await ProbeRunsAtLeastAsync(node, running, "echo", ProbeKind.Liveness, "successful", 4);
        Restarts(node.Find("tcp")!, "echo").ShouldBe(0);

        (await node.ExecAsync(running, "echo", "killall", "nc")).ShouldBe(0);
        var restarted = await node.WaitForAsync("tcp", "echo restarted", e => Restarts(e, "echo") >= 1);

        var podIp = restarted.Status.PodIP;
        await node.WaitForLogAsync($"Unhealthy: Liveness probe failed: dial tcp {podIp}:9000: connect: connection refused", "Go's dial error");
    }
}
