using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sharplet.IntegrationTests.KubeClient;

// Keeps formatted log lines so a test can see what the informer did (watches ended, relists) on a server whose
// requests it cannot observe.
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
