using Microsoft.Extensions.Hosting;

namespace Sharplet.Server;

// The kubelet server's inner web host lives inside the agent's host: the agent's lifetime handles SIGTERM and
// stops it in order, so the inner one must not watch the console or signals itself.
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
