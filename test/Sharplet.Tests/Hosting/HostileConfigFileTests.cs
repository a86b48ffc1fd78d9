using System.Diagnostics;
using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.KubeClient;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

// --config and --kubeconfig given something other than a small regular file: one sentence naming the file and
// what it is, at once (never a hang on a FIFO, never reading /dev/zero until memory runs out).
public sealed class HostileConfigFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-hostile-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string ConfigError(string path) =>
        Should.Throw<ConfigException>(() => KubeletConfigFile.Apply(path, new SharpletSettings())).Message;

    private static string KubeconfigError(string path) =>
        Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path)).Message;

    private string Fifo(string name)
    {
        var path = Path.Combine(dir, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        return path;
    }

    [Fact]
    public void ConfigFileWithAOneMegabyteValue_IsRefusedBySize()
    {
        var path = Path.Combine(dir, "config.yaml");
        File.WriteAllText(path, $"apiVersion: {KubeletConfigFile.ApiVersion}\nkind: KubeletConfiguration\nproviderID: \"{new string('x', 1024 * 1024)}\"\n");

        ConfigError(path).ShouldBe($"config file {path}: is {new FileInfo(path).Length} bytes, over the limit of {InputLimits.MaxConfigFileBytes} bytes");
    }

    [Fact]
    public void ConfigFileThatIsAFifo_IsRefusedWithoutBlocking()
    {
        var path = Fifo("config.yaml");

        ConfigError(path).ShouldBe($"config file {path}: is a FIFO, not a regular file; only regular files and symlinks to them are read");
    }

    [Fact]
    public void ConfigFileNestedTooDeep_IsAnErrorNamingTheDepth()
    {
        var path = Path.Combine(dir, "config.yaml");
        File.WriteAllText(path, "featureGates: " + new string('[', 30_000) + new string(']', 30_000));

        ConfigError(path).ShouldContain($"config file {path}: YAML error at line 1, column");
        ConfigError(path).ShouldContain($"nesting deeper than {InputLimits.MaxDepth} levels");
    }

    [Fact]
    public void KubeconfigThatIsADirectory_NamesIt()
    {
        var path = Directory.CreateDirectory(Path.Combine(dir, "kubeconfig")).FullName;

        KubeconfigError(path).ShouldBe($"Cannot read kubeconfig {path} (it is a directory, not a regular file; only regular files and symlinks to them are read).");
    }

    [Fact]
    public void KubeconfigThatIsASymlinkToDevZero_IsRefusedUnread()
    {
        var path = Path.Combine(dir, "kubeconfig");
        File.CreateSymbolicLink(path, "/dev/zero");

        KubeconfigError(path).ShouldStartWith($"Cannot read kubeconfig {path} (it is a symlink to /dev/zero, a character device, not a regular file");
    }

    [Fact]
    public void KubeconfigThatIsAFifo_IsRefusedWithoutBlocking() =>
        KubeconfigError(Fifo("kubeconfig")).ShouldContain("(it is a FIFO, not a regular file");
}
