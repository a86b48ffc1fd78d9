using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Hooks;

// postStart and preStop hooks on the real containerd; the hooks leave their marks in a hostPath directory the
// test reads after the pod is gone.
public sealed class LifecycleHookTests : IAsyncLifetime
{
    private SharpletNode node = null!;
    private string data = null!;

    public async Task InitializeAsync()
    {
        node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("hooks"));
        data = Path.Combine(Path.GetDirectoryName(node.Settings.RootDir)!, "data");
        Directory.CreateDirectory(data);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task PostStartAndPreStopExec_RunAroundTheContainer_PreStopBeforeSigterm()
    {
        node.WriteManifest(new StaticPod("order").GracePeriod(10).HostPath("data", data)
            .Shell("main", "trap 'echo term >> /data/log; exit 0' TERM; echo main >> /data/log; while true; do sleep 0.2; done")
            .Mount("data", "/data")
            .With(c => c.Lifecycle = new Lifecycle
            {
                PostStart = new LifecycleHandler { Exec = new ExecAction { Command = ["sh", "-c", "echo poststart >> /data/log"] } },
                PreStop = new LifecycleHandler { Exec = new ExecAction { Command = ["sh", "-c", "echo prestop >> /data/log"] } },
            }));

        // The status says Running only once postStart has returned.
        await node.WaitForAsync("order", "main running", e => SharpletNode.Container(e, "main").State?.Running is not null);
        File.ReadAllLines(Path.Combine(data, "log")).ShouldContain("poststart");

        node.DeleteManifest("order.yaml");
        await node.WaitForGoneAsync("order");

        var lines = File.ReadAllLines(Path.Combine(data, "log"));
        lines.ShouldBe(["main", "poststart", "prestop", "term"], ignoreOrder: true);
        lines[^2..].ShouldBe(["prestop", "term"], "preStop runs to its end before SIGTERM");
    }

    [Fact]
    public async Task PreStopHttpGet_CallsTheContainerBeforeItStops()
    {
        // busybox httpd runs CGI scripts: this one leaves a mark and answers.
        var cgi = Path.Combine(data, "cgi-bin");
        Directory.CreateDirectory(cgi);
        File.WriteAllText(Path.Combine(cgi, "prestop"), "#!/bin/sh\necho prestop-http \"$HTTP_USER_AGENT\" >> /data/log\nprintf 'Content-Type: text/plain\\r\\n\\r\\nbye\\n'\n");
        File.SetUnixFileMode(Path.Combine(cgi, "prestop"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        node.WriteManifest(new StaticPod("web").GracePeriod(2).HostPath("data", data)
            .Busybox("web", "httpd", "-f", "-p", "8080", "-h", "/data")
            .With(c => c.Ports = [new ContainerPort { Name = "http", Number = 8080 }])
            .Mount("data", "/data")
            .With(c => c.Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { HttpGet = new HTTPGetAction { Path = "/cgi-bin/prestop", Port = "http" } } }));
        await node.WaitForAsync("web", "web running", e => SharpletNode.Container(e, "web").State?.Running is not null);

        node.DeleteManifest("web.yaml");
        await node.WaitForGoneAsync("web");

        File.ReadAllLines(Path.Combine(data, "log")).ShouldBe(["prestop-http kube-lifecycle/1.33"]);
        node.Log.ShouldNotContain(l => l.Contains("FailedPreStopHook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostStartFails_ContainerKilledWithUpstreamsEventsAndMessage()
    {
        // restartPolicy Never keeps the outcome still: the killed container (the shell ignores SIGTERM, so
        // SIGKILL after the 2 s grace) is not restarted and the pod fails.
        node.WriteManifest(new StaticPod("badhook").RestartPolicy(RestartPolicy.Never).GracePeriod(2)
            .Shell("main", "sleep 3600")
            .With(c => c.Lifecycle = new Lifecycle { PostStart = new LifecycleHandler { Exec = new ExecAction { Command = ["sh", "-c", "echo boom; exit 3"] } } }));

        var failed = await node.WaitForAsync("badhook", "phase Failed", e => e.Status.Phase == PodPhase.Failed);

        SharpletNode.Container(failed, "main").State!.Terminated!.ExitCode.ShouldBe(137);
        SharpletNode.Container(failed, "main").RestartCount.ShouldBe(0);
        await node.WaitForLogAsync("FailedPostStartHook: PostStartHook failed", "the FailedPostStartHook event, without the output");
        await node.WaitForLogAsync("Killing: FailedPostStartHook", "the Killing event");
        var pod = failed.Pod.Metadata!;
        await node.WaitForLogAsync(
            $"Exec lifecycle hook ([sh -c echo boom; exit 3]) for Container \"main\" in Pod \"{pod.Name}_{pod.Namespace}({pod.Uid})\" failed - error: command 'sh -c echo boom; exit 3' exited with 3: , message: \"boom\\n\"",
            "upstream's hook failure message");
    }
}
