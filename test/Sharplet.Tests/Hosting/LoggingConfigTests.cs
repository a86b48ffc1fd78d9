using System.CommandLine;
using Sharplet.Cli;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

// `--logging-format` and the config file's `logging` (upstream's LoggingConfiguration): json or text, the flag
// over the file, anything else an error naming where it came from.
public sealed class LoggingConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-logging-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Config(string body)
    {
        var path = Path.Combine(dir, "kubelet.yaml");
        File.WriteAllText(path, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body);
        return path;
    }

    private static SharpletSettings Resolve(params string[] args)
    {
        var options = new AgentOptions();
        var root = new RootCommand();
        options.AddTo(root);
        var result = root.Parse(args);
        result.Errors.ShouldBeEmpty();
        return options.Resolve(result, out _);
    }

    [Fact]
    public void NoLoggingSettings_TextFormat()
    {
        Resolve().LoggingFormat.ShouldBe("text");
    }

    [Fact]
    public void LoggingFormatFlag_Json_IsApplied()
    {
        Resolve("--logging-format", "json").LoggingFormat.ShouldBe("json");
    }

    [Fact]
    public void ConfigFileLogging_FormatAndVerbosityApply_OtherUpstreamFieldsAreAccepted()
    {
        var path = Config("logging:\n  format: json\n  verbosity: 4\n  flushFrequency: 5s\n  options:\n    json:\n      infoBufferSize: \"0\"\n");

        var settings = Resolve("--config", path);

        settings.LoggingFormat.ShouldBe("json");
        settings.Verbosity.ShouldBe(4);
    }

    [Fact]
    public void LoggingFormatFlag_WinsOverTheConfigFile()
    {
        var path = Config("logging:\n  format: json\n");

        Resolve("--config", path, "--logging-format", "text").LoggingFormat.ShouldBe("text");
    }

    [Fact]
    public void UnknownLoggingFormatFlag_IsAnErrorNamingTheFlag()
    {
        Should.Throw<ConfigException>(() => Resolve("--logging-format", "xml")).Message
            .ShouldBe("--logging-format: \"xml\" is not a log format (text or json)");
    }

    [Fact]
    public void UnknownLoggingFormatInTheConfigFile_NamesFileAndField()
    {
        var path = Config("logging:\n  format: xml\n");

        Should.Throw<ConfigException>(() => Resolve("--config", path)).Message
            .ShouldBe($"config file {path}: field \"logging\": logging.format: \"xml\" is not a log format (text or json)");
    }

    [Fact]
    public void UnknownLoggingField_NamesFileAndField()
    {
        var path = Config("logging:\n  formt: json\n");

        Should.Throw<ConfigException>(() => Resolve("--config", path)).Message
            .ShouldBe($"config file {path}: field \"logging\": unknown field \"logging.formt\"");
    }
}
