using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Nodes;
using Sharplet.TestSupport;
using Sharplet.Util;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

public sealed class NodeRegistrationTests
{
    private static readonly NodeDescription Node = Description();
    private readonly TimerWatchingTimeProvider time = new(T0);
    private readonly FakeNodeApi api = new();
    private readonly FakeObserver observer = new();

    [Fact]
    public async Task NoNode_IsCreatedWithItsStatus()
    {
        var registration = Registration();

        (await registration.TryRegisterAsync(CancellationToken.None)).ShouldBeTrue();

        registration.IsRegistered.ShouldBeTrue();
        api.Stored!.Status!.Conditions!.Count.ShouldBe(4);
        api.Patches.ShouldBeEmpty();
    }

    [Fact]
    public async Task NoNode_IsCreatedWithTheRegisterWithTaints()
    {
        var taints = new[] { new Taint { Key = "example.com/new", Effect = TaintEffect.NoExecute } };

        (await Registration(new NodeStatusOptions { RegisterWithTaints = taints }).TryRegisterAsync(CancellationToken.None)).ShouldBeTrue();

        api.Stored!.Spec!.Taints!.ShouldHaveSingleItem().Key.ShouldBe("example.com/new");
    }

    [Fact]
    public async Task ExistingNode_KeepsItsOwnTaints_AsUpstreamOnlyTaintsAtCreation()
    {
        api.Stored = NodeObjects.Initial(Node, NodeObservation.Healthy, T0);
        var taints = new[] { new Taint { Key = "example.com/new", Effect = TaintEffect.NoExecute } };

        (await Registration(new NodeStatusOptions { RegisterWithTaints = taints }).TryRegisterAsync(CancellationToken.None)).ShouldBeTrue();

        api.Stored.Spec.ShouldBeNull();
        api.Patches.ShouldAllBe(p => !p.ContainsKey("spec"));
    }

    [Fact]
    public async Task ExistingNode_IsReconciledWithAStatusPatchNotReplaced()
    {
        api.Stored = NodeObjects.Initial(Node, NodeObservation.Healthy, T0);
        api.Stored.Metadata!.Uid = "uid-old";
        api.Stored.Metadata.Labels!["kubernetes.io/hostname"] = "tampered";

        (await Registration().TryRegisterAsync(CancellationToken.None)).ShouldBeTrue();

        api.Stored.Metadata.Uid.ShouldBe("uid-old");
        api.Stored.Metadata.Labels["kubernetes.io/hostname"].ShouldBe("n1");
        api.Patches.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StartupAttempt_Forbidden_IsANodeJoinExceptionNamingTheNodeAndCarryingTheServersWords()
    {
        api.Failures.Enqueue(ApiErrors.Forbidden());

        var ex = await Should.ThrowAsync<NodeJoinException>(() => Registration().StartupAttemptAsync(CancellationToken.None));

        ex.Message.ShouldBe("Node n1 cannot join the cluster: GET /api/v1/nodes/n1: 403 Forbidden: forbidden for the test.");
        ex.InnerException.ShouldBeOfType<KubeApiException>();
    }

    [Fact]
    public async Task StartupAttempt_UntrustedServer_IsANodeJoinException()
    {
        api.Failures.Enqueue(new KubeConnectionException("TLS with the API server https://10.0.0.1:6443 failed: untrusted.", new Uri("https://10.0.0.1:6443"), isTlsFailure: true, null));

        await Should.ThrowAsync<NodeJoinException>(() => Registration().StartupAttemptAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StartupAttempt_UnreachableServer_StartsAnywayUnregistered()
    {
        // The API server may be a static pod of this very node: static pods must start without it.
        api.Failures.Enqueue(ApiErrors.Refused());
        var registration = Registration();

        await registration.StartupAttemptAsync(CancellationToken.None);

        registration.IsRegistered.ShouldBeFalse();
    }

    [Fact]
    public async Task StartupAttempt_WithoutRegisterNode_OnlyReadsAndAcceptsAMissingNode()
    {
        var registration = Registration(new NodeStatusOptions { RegisterNode = false });

        await registration.StartupAttemptAsync(CancellationToken.None);

        api.Stored.ShouldBeNull();
        api.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task RegisterAsync_TransientFailuresBackOffFrom100ms_PermanentOnesWaitTheCap()
    {
        api.Failures.Enqueue(ApiErrors.Refused());
        api.Failures.Enqueue(ApiErrors.Forbidden());
        var registration = Registration(new NodeStatusOptions { RegistrationBackoff = new BackoffPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(7), Jitter: 0) });

        var register = registration.RegisterAsync(CancellationToken.None);
        var afterRefused = await time.AdvanceToNextTimerAsync();
        var afterForbidden = await time.AdvanceToNextTimerAsync();
        await register;

        (afterRefused, afterForbidden).ShouldBe((TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(7)));
        registration.IsRegistered.ShouldBeTrue();
    }

    private NodeRegistration Registration(NodeStatusOptions? options = null) =>
        new(api, Node, observer, options ?? new NodeStatusOptions(), time, NullLogger<NodeRegistration>.Instance);
}
