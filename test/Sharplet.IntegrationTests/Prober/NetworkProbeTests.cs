using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.ProbeResults;
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
        node.WriteManifest("web.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: web
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
                ports:
                - name: http
                  containerPort: 8080
                readinessProbe:
                  httpGet:
                    path: /index.html
                    port: http
                  periodSeconds: 1
                  failureThreshold: 1
            """);

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
        node.WriteManifest("tcp.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: tcp
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: echo
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "nc -ll -p 9000 -e /bin/cat; sleep 3600"]
                livenessProbe:
                  tcpSocket:
                    port: 9000
                  periodSeconds: 1
                  failureThreshold: 2
            """);
        var running = await node.WaitForAsync("tcp", "echo running", e => Running(e, "echo"));

        await ProbeRunsAtLeastAsync(node, running, "echo", ProbeKind.Liveness, "successful", 4);
        Restarts(node.Find("tcp")!, "echo").ShouldBe(0);

        (await node.ExecAsync(running, "echo", "killall", "nc")).ShouldBe(0);
        var restarted = await node.WaitForAsync("tcp", "echo restarted", e => Restarts(e, "echo") >= 1);

        var podIp = restarted.Status.PodIP;
        await node.WaitForLogAsync($"Unhealthy: Liveness probe failed: dial tcp {podIp}:9000: connect: connection refused", "Go's dial error");
    }
}
