using System.Net;
using System.Net.Sockets;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Server;

// The agent's listeners as an operator meets them: /healthz on the TCP port, the pod list only on the control
// socket.
public sealed class AgentServerTests : IAsyncLifetime
{
    private SharpletNode node = null!;
    private int port;

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var settings = SharpletNode.DefaultSettings("server");
        settings.HealthzPort = port;
        node = await SharpletNode.StartAsync(settings);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task Healthz_AnswersOkOnTheTcpPort()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var response = await client.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok");
    }

    [Fact]
    public async Task PodList_IsNotServedOnTheTcpPort_ButOnTheControlSocket()
    {
        using var tcp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        (await tcp.GetAsync("/pods")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var control = new Sharplet.Cli.ControlClient(node.Settings.RootDir);
        using var response = await control.GetAsync("/pods", CancellationToken.None);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"kind\":\"PodList\"");
    }
}
