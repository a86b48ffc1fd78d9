using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Admission;
using Sharplet.Api;
using Sharplet.Nodes;
using Sharplet.Pods;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Admission;

// upstream's predicate admission (lifecycle/predicate.go with the scheduler's AdmissionCheck).
public sealed class PodAdmissionTests
{
    private static PodAdmission Admission(string cpu = "2", string memory = "4Gi", int pods = 110, Dictionary<string, string>? labels = null)
    {
        var node = new NodeContext(
            "node-1",
            ["192.168.1.10"],
            PodBuilder.Resources(("cpu", cpu), ("memory", memory), ("pods", pods.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            4L << 30,
            labels ?? new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node-1", ["disk"] = "ssd" });
        return new PodAdmission(node, new FixedPressure(PressureSignals.None), new StatusManager(NullLogger<StatusManager>.Instance), new FakeTimeProvider(), NullLogger<PodAdmission>.Instance);
    }

    private static Pod Requesting(string? cpu = null, string? memory = null, Action<PodBuilder>? configure = null)
    {
        var requests = new List<(string, string)>();
        if (cpu is not null)
        {
            requests.Add(("cpu", cpu));
        }

        if (memory is not null)
        {
            requests.Add(("memory", memory));
        }

        var builder = new PodBuilder().Container("a", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources([.. requests]) });
        configure?.Invoke(builder);
        return builder.Build();
    }

    [Fact]
    public void FittingPod_IsAdmitted()
    {
        Admission().Check(Requesting("1", "1Gi"), [Requesting("500m", "1Gi")]).ShouldBeNull();
    }

    [Fact]
    public void PodForAnotherNode_IsRejectedNodeName()
    {
        var pod = Requesting(configure: b => b.Spec(s => s.NodeName = "node-2"));

        Admission().Check(pod, []).ShouldBe(("NodeName", "Pod was rejected: Predicate NodeName failed: node(s) didn't match the requested node name"));
    }

    [Fact]
    public void NodeSelectorNotMatching_IsRejectedNodeAffinity()
    {
        var pod = Requesting(configure: b => b.Spec(s => s.NodeSelector = new Dictionary<string, string> { ["disk"] = "hdd" }));

        Admission().Check(pod, []).ShouldBe(("NodeAffinity", "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"));
    }

    [Fact]
    public void NodeSelectorMatching_IsAdmitted()
    {
        var pod = Requesting(configure: b => b.Spec(s => s.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd", ["kubernetes.io/hostname"] = "node-1" }));

        Admission().Check(pod, []).ShouldBeNull();
    }

    private static readonly Dictionary<string, (NodeSelectorTerm[] Terms, bool Admitted)> Affinities = new(StringComparer.Ordinal)
    {
        ["In matching"] = ([Term(Expr("disk", "In", "ssd", "nvme"))], true),
        ["In not matching"] = ([Term(Expr("disk", "In", "hdd"))], false),
        ["NotIn"] = ([Term(Expr("disk", "NotIn", "hdd"))], true),
        ["NotIn absent label"] = ([Term(Expr("gpu", "NotIn", "a100"))], true),
        ["Exists"] = ([Term(Expr("disk", "Exists"))], true),
        ["DoesNotExist"] = ([Term(Expr("disk", "DoesNotExist"))], false),
        ["Gt"] = ([Term(Expr("cores", "Gt", "8"))], true),
        ["Lt"] = ([Term(Expr("cores", "Lt", "8"))], false),
        ["Gt not a number"] = ([Term(Expr("disk", "Gt", "1"))], false),
        ["all of a term"] = ([Term(Expr("disk", "In", "ssd"), Expr("cores", "Lt", "8"))], false),
        ["any of the terms"] = ([Term(Expr("disk", "In", "hdd")), Term(Expr("cores", "Gt", "8"))], true),
        ["empty term"] = ([new NodeSelectorTerm()], false),
        ["node name field"] = ([new NodeSelectorTerm { MatchFields = [Expr("metadata.name", "In", "node-1")] }], true),
        ["other node name field"] = ([new NodeSelectorTerm { MatchFields = [Expr("metadata.name", "In", "node-2")] }], false),
    };

    private static NodeSelectorTerm Term(params NodeSelectorRequirement[] expressions) => new() { MatchExpressions = [.. expressions] };

    private static NodeSelectorRequirement Expr(string key, string op, params string[] values) => new() { Key = key, Operator = op, Values = [.. values] };

    [Theory]
    [InlineData("In matching")]
    [InlineData("In not matching")]
    [InlineData("NotIn")]
    [InlineData("NotIn absent label")]
    [InlineData("Exists")]
    [InlineData("DoesNotExist")]
    [InlineData("Gt")]
    [InlineData("Lt")]
    [InlineData("Gt not a number")]
    [InlineData("all of a term")]
    [InlineData("any of the terms")]
    [InlineData("empty term")]
    [InlineData("node name field")]
    [InlineData("other node name field")]
    public void RequiredNodeAffinity_IsAdmissionsNodeAffinityPredicate(string name)
    {
        var (terms, admitted) = Affinities[name];
        var pod = Requesting(configure: b => b.Spec(s => s.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [.. terms] } },
        }));
        var admission = Admission(labels: new Dictionary<string, string> { ["disk"] = "ssd", ["cores"] = "16" });

        var result = admission.Check(pod, []);

        (result is null).ShouldBe(admitted, name);
        if (!admitted)
        {
            result!.Value.Reason.ShouldBe("NodeAffinity");
        }
    }

    [Fact]
    public void NodeFull_IsRejectedOutOfpods()
    {
        Admission(pods: 2).Check(Requesting(), [Requesting(), Requesting()])
            .ShouldBe(("OutOfpods", "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"));
    }

    [Fact]
    public void NotEnoughCpu_IsRejectedOutOfcpuInMillicores()
    {
        Admission(cpu: "2").Check(Requesting("1500m"), [Requesting("1")])
            .ShouldBe(("OutOfcpu", "Pod was rejected: Node didn't have enough resource: cpu, requested: 1500, used: 1000, capacity: 2000"));
    }

    [Fact]
    public void NotEnoughMemory_IsRejectedOutOfmemoryInBytes()
    {
        Admission(memory: "1Gi").Check(Requesting(memory: "768Mi"), [Requesting(memory: "512Mi")])
            .ShouldBe(("OutOfmemory", "Pod was rejected: Node didn't have enough resource: memory, requested: 805306368, used: 536870912, capacity: 1073741824"));
    }

    [Fact]
    public void NotEnoughCpuAndMemory_CpuIsReportedFirst()
    {
        // The scheduler's fit check looks at cpu before memory, whatever order the pod lists them in.
        var pod = new PodBuilder().Container("a", c => c.Resources = new ResourceRequirements
        {
            Requests = PodBuilder.Resources(("memory", "8Gi"), ("cpu", "4")),
        }).Build();

        Admission().Check(pod, [])!.Value.Reason.ShouldBe("OutOfcpu");
    }

    [Fact]
    public void ResourcesAndNodeName_BothWrong_ResourcesAreReportedFirst()
    {
        // Upstream's AdmissionCheck collects resource failures before the node name and affinity ones.
        var pod = Requesting("8", configure: b => b.Spec(s => s.NodeName = "node-2"));

        Admission().Check(pod, [])!.Value.Reason.ShouldBe("OutOfcpu");
    }

    [Fact]
    public void ZeroRequests_FitAFullNode()
    {
        Admission(cpu: "1").Check(Requesting(), [Requesting("1")]).ShouldBeNull();
    }

    [Fact]
    public void RequestsOfAResourceTheNodeDoesNotHave_AreIgnored()
    {
        var pod = new PodBuilder().Container("a", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("example.com/fpga", "1")) }).Build();

        Admission().Check(pod, []).ShouldBeNull();
    }
}
