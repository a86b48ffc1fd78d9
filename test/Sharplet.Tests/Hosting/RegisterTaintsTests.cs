using System.CommandLine;
using Sharplet.Api;
using Sharplet.Cli;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

// --register-with-taints and registerWithTaints: upstream's forms, and what the API server's node validation
// would refuse stopping Sharplet at start with the flag or field named.
public sealed class RegisterTaintsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-taints-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static SharpletSettings Flags(params string[] args)
    {
        var options = new AgentOptions();
        var root = new RootCommand();
        options.AddTo(root);
        var result = root.Parse(args);
        result.Errors.ShouldBeEmpty();
        return options.Resolve(result, out _);
    }

    private string Config(string body)
    {
        var path = Path.Combine(dir, "kubelet.yaml");
        File.WriteAllText(path, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body);
        return path;
    }

    private static string Show(IEnumerable<Taint> taints) => string.Join(",", taints.Select(t => $"{t.Key}|{t.Value}|{t.Effect}"));

    [Fact]
    public void Flag_KeyValueEffectAndKeyEffect_AreParsed()
    {
        var settings = Flags("--register-with-taints", "dedicated=gpu:NoSchedule, example.com/draining:NoExecute,spot=true:PreferNoSchedule");

        Show(settings.RegisterWithTaints).ShouldBe("dedicated|gpu|NoSchedule,example.com/draining||NoExecute,spot|true|PreferNoSchedule");
    }

    [Fact]
    public void NoFlag_NoTaints()
    {
        Flags().RegisterWithTaints.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("dedicated=gpu", "--register-with-taints: \"dedicated=gpu\" is not key=value:Effect or key:Effect")]
    [InlineData("a=b=c:NoSchedule", "--register-with-taints: \"a=b=c:NoSchedule\" is not key=value:Effect or key:Effect")]
    [InlineData("a:b:NoSchedule", "--register-with-taints: \"a:b:NoSchedule\" is not key=value:Effect or key:Effect")]
    [InlineData("dedicated=gpu:Sometimes", "--register-with-taints: taint dedicated=gpu:Sometimes: effect \"Sometimes\" is not NoSchedule, PreferNoSchedule or NoExecute")]
    [InlineData("-bad=x:NoSchedule", "--register-with-taints: taint -bad=x:NoSchedule: key \"-bad\": name part must consist of alphanumeric characters")]
    [InlineData("k=not valid:NoSchedule", "--register-with-taints: taint k=not valid:NoSchedule: value \"not valid\": a valid label must be")]
    [InlineData("k=a:NoSchedule,k=b:NoSchedule", "--register-with-taints: taint k=b:NoSchedule: key k with effect NoSchedule is given twice")]
    public void Flag_Invalid_IsAnErrorNamingTheFlagAndTheTaint(string value, string message)
    {
        var ex = Should.Throw<ConfigException>(() => Flags("--register-with-taints", value));

        ex.Message.ShouldStartWith(message);
    }

    [Fact]
    public void Flag_SameKeyDifferentEffects_IsAllowed()
    {
        Flags("--register-with-taints", "k=a:NoSchedule,k=a:NoExecute").RegisterWithTaints.Count.ShouldBe(2);
    }

    [Fact]
    public void ConfigFile_RegisterWithTaints_IsApplied_NotIgnored()
    {
        var settings = new SharpletSettings();
        var ignored = KubeletConfigFile.Apply(Config("""
            registerWithTaints:
            - key: node-role.kubernetes.io/control-plane
              effect: NoSchedule
            - {key: dedicated, value: infra, effect: NoExecute}
            """), settings);

        ignored.ShouldBeEmpty();
        Show(settings.RegisterWithTaints).ShouldBe("node-role.kubernetes.io/control-plane||NoSchedule,dedicated|infra|NoExecute");
    }

    [Fact]
    public void ConfigFile_BadTaint_NamesTheFileTheFieldAndTheTaint()
    {
        var path = Config("registerWithTaints:\n- {key: dedicated, value: infra, effect: Never}\n");

        var ex = Should.Throw<ConfigException>(() => KubeletConfigFile.Apply(path, new SharpletSettings()));

        ex.Message.ShouldBe($"config file {path}: field \"registerWithTaints\": taint dedicated=infra:Never: effect \"Never\" is not NoSchedule, PreferNoSchedule or NoExecute");
    }

    [Fact]
    public void ConfigFile_UnknownTaintField_NamesIt()
    {
        var path = Config("registerWithTaints:\n- {key: dedicated, effect: NoSchedule, efect: NoExecute}\n");

        var ex = Should.Throw<ConfigException>(() => KubeletConfigFile.Apply(path, new SharpletSettings()));

        ex.Message.ShouldBe($"config file {path}: field \"registerWithTaints\": unknown field \"efect\" in a taint");
    }

    [Fact]
    public void FlagOverConfigFile()
    {
        var path = Config("registerWithTaints:\n- {key: from-file, effect: NoSchedule}\n");

        Show(Flags("--config", path, "--register-with-taints", "from-flag:NoExecute").RegisterWithTaints).ShouldBe("from-flag||NoExecute");
    }
}
