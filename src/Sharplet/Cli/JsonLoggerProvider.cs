using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sharplet.Util;

namespace Sharplet.Cli;

// `--logging-format json` (config `logging.format: json`): one JSON object per line on stderr, in upstream's
// shape (component-base/logs/json): "ts" (Unix epoch in milliseconds, fractional), "v" (the verbosity, absent
// on errors), "msg" (the rendered message), "err" (an exception's text, on errors), then every structured
// value of the [LoggerMessage] template under its name in lowerCamelCase (e.g. "pod", "podUid",
// "container"). Written with Utf8JsonWriter: no reflection, so the NativeAOT binary writes the same lines.
internal sealed class JsonLoggerProvider : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly TextWriter output;
    private readonly TimeProvider time;

    public JsonLoggerProvider(TextWriter output, TimeProvider time)
    {
        this.output = output;
        this.time = time;
    }

    public JsonLoggerProvider()
        : this(Console.Error, TimeProvider.System)
    {
    }

    public ILogger CreateLogger(string categoryName) => new JsonLogger(this);

    public void Dispose()
    {
    }

    // The line an entry becomes, without its newline.
    internal static string Format(DateTimeOffset now, LogLevel level, string message, Exception? exception, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", now.ToUnixTimeMilliseconds() + ((now.Ticks % TimeSpan.TicksPerMillisecond) / (double)TimeSpan.TicksPerMillisecond));
            if (level < LogLevel.Error)
            {
                json.WriteNumber("v", Verbosity(level));
            }

            json.WriteString("msg", message);
            if (exception is not null)
            {
                json.WriteString("err", $"{exception.GetType().Name}: {exception.Message}");
            }

            foreach (var (key, value) in values)
            {
                if (key is "{OriginalFormat}" or "ts" or "v" or "msg" or "err" || key.Length == 0)
                {
                    continue;
                }

                // The generator names a value after its parameter: "@namespace" for the keyword-escaped one.
                var name = key.TrimStart('@');
                json.WritePropertyName(name.Length == 0 ? key : char.ToLowerInvariant(name[0]) + name[1..]);
                WriteValue(json, value);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // The klog verbosity an entry had: info 0, debug 4, trace 6 (the thresholds of -v).
    private static int Verbosity(LogLevel level) => level switch
    {
        LogLevel.Debug => 4,
        LogLevel.Trace => 6,
        _ => 0,
    };

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case TimeSpan t: json.WriteStringValue(GoDuration.Format(t)); break;
            case IFormattable f: json.WriteStringValue(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private void Write(string line)
    {
        lock (gate)
        {
            output.WriteLine(line);
        }
    }

    private sealed class JsonLogger(JsonLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
            {
                return;
            }

            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            provider.Write(Format(provider.Now(), logLevel, message, exception, values));
        }
    }
}
