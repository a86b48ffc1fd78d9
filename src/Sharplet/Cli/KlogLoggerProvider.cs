using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Sharplet.Cli;

// Log lines in the shape operators know from the Go kubelet's klog, "I1123 15:11:39.472 message", one per entry,
// written straight to stderr (no queue thread, no options binding: the agent's log is small and must be
// readable even when the process dies right after writing it). The level letter leads so `grep ^E` finds errors.
internal sealed class KlogLoggerProvider : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new KlogLogger();

    public void Dispose()
    {
    }

    private sealed class KlogLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        // Generic over every logger-message struct (85 instantiations in the native binary): only the formatter call
        // stays here, the line is built in one non-generic method (each copy of the whole body was ~1.2 KB of code).
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Write(logLevel, formatter(state, exception), exception);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Write(LogLevel logLevel, string message, Exception? exception)
        {
            if (string.IsNullOrEmpty(message) && exception is null)
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Critical or LogLevel.Error => 'E',
                LogLevel.Warning => 'W',
                LogLevel.Information => 'I',
                _ => 'D',
            };
            var line = $"{level}{DateTime.Now.ToString("MMdd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {message.ReplaceLineEndings(" ")}" +
                (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})");
            lock (Gate)
            {
                Console.Error.WriteLine(line);
            }
        }
    }
}
