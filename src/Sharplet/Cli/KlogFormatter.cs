using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Sharplet.Cli;

// One line per entry, in the shape operators know from the Go kubelet's klog: "I1123 15:11:39.472 message".
// The level letter leads so `grep ^E` finds errors; the exception, if any, follows on the same line.
internal sealed class KlogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "klog";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Critical or LogLevel.Error => 'E',
            LogLevel.Warning => 'W',
            LogLevel.Information => 'I',
            _ => 'D',
        };
        var now = DateTime.Now;
        textWriter.Write(level);
        textWriter.Write(now.ToString("MMdd HH:mm:ss.fff ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } ex)
        {
            textWriter.Write(" (");
            textWriter.Write(ex.GetType().Name);
            textWriter.Write(": ");
            textWriter.Write(ex.Message.ReplaceLineEndings(" "));
            textWriter.Write(')');
        }

        textWriter.Write('\n');
    }
}
