using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Statuses;

namespace Sharplet.Tests.Statuses;

public sealed class PodStatusMergeTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static PodCondition Condition(string type, string status = "True") => new() { Type = type, Status = status, LastTransitionTime = T0 };

    [Fact]
    public void Merge_KeepsConditionsOthersOwn_AndTakesTheKubeletsOwn()
    {
        var api = new PodStatus
        {
            Phase = PodPhase.Pending,
            Conditions = [Condition("example.com/gate"), Condition(PodConditionType.DisruptionTarget), Condition(PodConditionType.Ready, "False")],
            NominatedNodeName = "n2",
        };
        var ours = new PodStatus { Phase = PodPhase.Running, Conditions = [Condition(PodConditionType.Ready), Condition(PodConditionType.PodScheduled)] };

        var merged = PodStatusMerge.Merge(api, ours, couldHaveRunningContainers: true);

        merged.Conditions!.Select(c => $"{c.Type}={c.Status}").ShouldBe(["example.com/gate=True", "DisruptionTarget=True", "Ready=True", "PodScheduled=True"]);
        merged.NominatedNodeName.ShouldBe("n2");
        merged.Phase.ShouldBe(PodPhase.Running);
        ours.Conditions!.Count.ShouldBe(2, "the kubelet's own status must not be changed");
    }

    [Fact]
    public void Merge_KubeletsDisruptionTarget_IsWrittenAsThePodTurnsTerminal_ButNotAfterwards()
    {
        var evicted = new PodCondition { Type = PodConditionType.DisruptionTarget, Status = "True", Reason = "TerminationByKubelet", LastTransitionTime = T0 };
        var ours = new PodStatus { Phase = PodPhase.Failed, Reason = "Evicted", Conditions = [evicted] };

        var turning = PodStatusMerge.Merge(new PodStatus { Phase = PodPhase.Running }, ours, couldHaveRunningContainers: false);
        var already = PodStatusMerge.Merge(new PodStatus { Phase = PodPhase.Failed, Conditions = [Condition(PodConditionType.DisruptionTarget, "False")] }, ours, false);

        turning.Conditions!.Single(c => c.Type == PodConditionType.DisruptionTarget).Reason.ShouldBe("TerminationByKubelet");
        already.Conditions!.Single(c => c.Type == PodConditionType.DisruptionTarget).Status.ShouldBe("False", "a terminal pod's API conditions stay as they are");
    }

    [Fact]
    public void Merge_TerminalPhaseWhileContainersMayRun_KeepsTheApiPhase()
    {
        var api = new PodStatus { Phase = PodPhase.Running };
        var ours = new PodStatus { Phase = PodPhase.Failed, Reason = "Evicted", Message = "gone" };

        var early = PodStatusMerge.Merge(api, ours, couldHaveRunningContainers: true);
        var late = PodStatusMerge.Merge(api, ours, couldHaveRunningContainers: false);

        (early.Phase, early.Reason).ShouldBe((PodPhase.Running, null));
        (late.Phase, late.Reason).ShouldBe((PodPhase.Failed, "Evicted"));
    }

    [Fact]
    public void Same_IgnoresSubSecondTimesOrderAndEmptyObjects()
    {
        var a = new PodStatus
        {
            StartTime = T0.AddMilliseconds(300),
            ContainerStatuses = [new ContainerStatus { Name = "b", LastState = new ContainerState() }, new ContainerStatus { Name = "a" }],
        };
        var b = new PodStatus { StartTime = T0, ContainerStatuses = [new ContainerStatus { Name = "a" }, new ContainerStatus { Name = "b" }] };

        PodStatusMerge.Same(a, b).ShouldBeTrue();
        PodStatusMerge.Same(a, new PodStatus { StartTime = T0.AddSeconds(1) }).ShouldBeFalse();
    }

    [Fact]
    public void Patch_CarriesTheUid_NullsDroppedFields_AndDeletesGoneListItems()
    {
        var api = new PodStatus
        {
            Phase = PodPhase.Running,
            Message = "old",
            Conditions = [Condition(PodConditionType.Ready), Condition(PodConditionType.ContainersReady)],
            PodIPs = [new PodIP { IP = "10.0.0.1" }],
        };
        var merged = new PodStatus { Phase = PodPhase.Running, Conditions = [Condition(PodConditionType.Ready, "False")] };

        var patch = PodStatusMerge.Patch("uid-1", api, merged);

        patch["metadata"]!["uid"]!.GetValue<string>().ShouldBe("uid-1");
        var status = patch["status"]!.AsObject();
        status.ContainsKey("message").ShouldBeTrue();
        status["message"].ShouldBeNull();
        var conditions = status["conditions"]!.AsArray().Select(c => c!.ToJsonString()).ToList();
        conditions.ShouldContain(c => c.Contains("\"type\":\"ContainersReady\",\"$patch\":\"delete\"", StringComparison.Ordinal));
        status["podIPs"]!.AsArray().Single()!["$patch"]!.GetValue<string>().ShouldBe("delete");
        status["phase"]!.GetValue<string>().ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void Patch_WithoutApiStatus_IsOursAlone()
    {
        var patch = PodStatusMerge.Patch("u", null, new PodStatus { Phase = PodPhase.Pending });

        patch["status"]!.AsObject().Select(p => p.Key).ShouldBe(["phase"]);
        patch.ShouldBeOfType<JsonObject>();
    }
}
