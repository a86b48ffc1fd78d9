using System.Globalization;
using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Hooks;

// Graceful termination, timed. The container writes the kernel's uptime (one clock for the host and every
// container) when SIGTERM arrives and keeps writing it as a heartbeat until it dies; it ignores SIGTERM, so it
// dies by SIGKILL when the grace left after the preStop hook runs out. Each write goes to a new file renamed over
// the old one: `>` truncates first, and a SIGKILL between truncation and write left an empty file (seen in CI).
public sealed class GracePeriodTests : IAsyncLifetime
{
    private const string IgnoreSigtermWithHeartbeat =
        "trap 'cat /proc/uptime > /data/term.new; mv /data/term.new /data/term' TERM; " +
        "while true; do cat /proc/uptime > /data/alive.new; mv /data/alive.new /data/alive; sleep 0.1; done";

    private SharpletNode node = null!;
    private string data = null!;

    public async Task InitializeAsync()
    {
        node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("grace"));
        data = Path.Combine(Path.GetDirectoryName(node.Settings.RootDir)!, "data");
        Directory.CreateDirectory(data);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    // preStop is null for none.
    private StaticPod Pod(string name, int grace, LifecycleHandler? preStop) =>
        new StaticPod(name).GracePeriod(grace).HostPath("data", data)
            .Shell("main", IgnoreSigtermWithHeartbeat).Mount("data", "/data")
            .With(c => c.Lifecycle = new Lifecycle { PreStop = preStop });

    // Deletes the pod and returns (uptime at deletion, at SIGTERM, at death).
    private async Task<(double Deleted, double Term, double Died)> DeleteAndTimeAsync(string name)
    {
        await node.WaitForAsync(name, "main running", e => SharpletNode.Container(e, "main").State?.Running is not null);
        var deleted = Uptime(File.ReadAllText("/proc/uptime"));
        node.DeleteManifest(name + ".yaml");
        await node.WaitForGoneAsync(name);
        return (deleted, Uptime(File.ReadAllText(Path.Combine(data, "term"))), Uptime(File.ReadAllText(Path.Combine(data, "alive"))));
    }

    [Fact]
    public async Task ContainerIgnoringSigterm_KilledWhenTheGracePeriodRunsOut()
    {
        node.WriteManifest("plain.yaml", Pod("plain", grace: 4, preStop: null));

        var (deleted, term, died) = await DeleteAndTimeAsync("plain");

        (term - deleted).ShouldBeLessThan(2.0, "SIGTERM comes as soon as the deletion is seen");
        (died - term).ShouldBeInRange(3.5, 5.0, "SIGKILL after the 4 s grace period");
    }

    [Fact]
    public async Task PreStopSleep_CountsAgainstTheGracePeriod()
    {
        node.WriteManifest("sleepy.yaml", Pod("sleepy", grace: 6, preStop: new LifecycleHandler { Sleep = new SleepAction { Seconds = 3 } }));

        var (deleted, term, died) = await DeleteAndTimeAsync("sleepy");

        (term - deleted).ShouldBeInRange(2.9, 5.0, "the 3 s preStop sleep comes before SIGTERM");
        (died - term).ShouldBeInRange(2.5, 4.0, "6 s of grace minus the 3 s the hook took");
    }

    // An exec hook: validation refuses a sleep hook as long as the grace period, as upstream's does.
    [Fact]
    public async Task PreStopLongerThanTheGracePeriod_CutAtTheGrace_ThenTwoSecondsMore()
    {
        node.WriteManifest("long.yaml", Pod("long", grace: 3, preStop: new LifecycleHandler { Exec = new ExecAction { Command = ["sleep", "20"] } }));

        var (deleted, term, died) = await DeleteAndTimeAsync("long");

        (term - deleted).ShouldBeInRange(2.9, 5.0, "the hook ends with the 3 s grace period");
        (died - term).ShouldBeInRange(1.5, 3.0, "a container always gets at least 2 s after SIGTERM");
    }

    private static double Uptime(string text) => double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
}
