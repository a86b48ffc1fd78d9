using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Cli;

namespace Sharplet.Tests.Cli;

// `--logging-format json`: every entry is one line that parses as a JSON object in upstream's shape
// (component-base/logs/json): ts in epoch milliseconds, v (not on errors), msg, err, then the structured values.
public sealed class JsonLoggerProviderTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-07T01:02:03.5Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Action<ILogger, string, string, string, string, Exception?> PodStarted =
        LoggerMessage.Define<string, string, string, string>(LogLevel.Information, new EventId(1), "pod {Namespace}/{Pod} ({PodUid}): started container {Container}");

    private static readonly Action<ILogger, string, int, Exception?> Retrying =
        LoggerMessage.Define<string, int>(LogLevel.Debug, new EventId(2), "retrying {What} (try {Attempt})");

    private static readonly Action<ILogger, string, Exception?> Failed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(3), "sync of {What} failed");

    private readonly StringWriter output = new();
    private readonly ILogger logger;

    public JsonLoggerProviderTests()
    {
        var provider = new JsonLoggerProvider(output, new FakeTimeProvider(Now));
        logger = provider.CreateLogger("test");
    }

    public void Dispose() => output.Dispose();

    private List<JsonElement> Lines() =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void InfoEntry_IsOneObject_WithTsVMsgAndTheStructuredValues()
    {
        PodStarted(logger, "default", "web", "uid-1", "main", null);

        var line = Lines().ShouldHaveSingleItem();
        line.GetProperty("ts").GetDouble().ShouldBe(Now.ToUnixTimeMilliseconds(), 0.001);
        line.GetProperty("v").GetInt32().ShouldBe(0);
        line.GetProperty("msg").GetString().ShouldBe("pod default/web (uid-1): started container main");
        line.GetProperty("namespace").GetString().ShouldBe("default");
        line.GetProperty("pod").GetString().ShouldBe("web");
        line.GetProperty("podUid").GetString().ShouldBe("uid-1");
        line.GetProperty("container").GetString().ShouldBe("main");
        line.EnumerateObject().Select(p => p.Name).ShouldBe(["ts", "v", "msg", "namespace", "pod", "podUid", "container"]);
    }

    [Fact]
    public void DebugEntry_HasVerbosity4_AndNumbersStayNumbers()
    {
        Retrying(logger, "lease", 3, null);

        var line = Lines().ShouldHaveSingleItem();
        line.GetProperty("v").GetInt32().ShouldBe(4);
        line.GetProperty("attempt").GetInt32().ShouldBe(3);
    }

    [Fact]
    public void ErrorEntry_HasNoVerbosity_AndCarriesTheErrorAsErr()
    {
        Failed(logger, "pod default/web", new IOException("disk full"));

        var line = Lines().ShouldHaveSingleItem();
        line.TryGetProperty("v", out _).ShouldBeFalse();
        line.GetProperty("err").GetString().ShouldBe("IOException: disk full");
        line.GetProperty("what").GetString().ShouldBe("pod default/web");
    }

    [Fact]
    public void MessageWithNewlinesAndQuotes_StaysOneParsableLine()
    {
        Failed(logger, "a \"quoted\"\nmulti-line\tvalue", null);

        var raw = output.ToString();
        raw.Count(c => c == '\n').ShouldBe(1, raw);
        Lines().ShouldHaveSingleItem().GetProperty("what").GetString().ShouldBe("a \"quoted\"\nmulti-line\tvalue");
    }

    [Fact]
    public void GeneratedKeyOfAnEscapedParameter_LosesTheAt()
    {
        // [LoggerMessage] names the value of `string? @namespace` "@namespace".
        var line = JsonLoggerProvider.Format(Now, LogLevel.Information, "m", null, [new("@namespace", "default"), new("{OriginalFormat}", "m")]);

        JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["ts", "v", "msg", "namespace"]);
    }
}
