using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.KubeRuntime;
using Sharplet.TestSupport;
using Capabilities = Sharplet.Api.Capabilities;
using SecurityContext = Sharplet.Api.SecurityContext;

namespace Sharplet.Tests.KubeRuntime;

// determineEffectiveSecurityContext: the container's fields win over the pod's.
public sealed class SecurityContextMapperTests
{
    private static LinuxContainerSecurityContext Map(Action<PodSpec>? pod = null, Action<SecurityContext>? container = null)
    {
        var built = new PodBuilder().Container("a", c =>
        {
            if (container is not null)
            {
                c.SecurityContext = new SecurityContext();
                container(c.SecurityContext);
            }
        }).Spec(s => pod?.Invoke(s)).Build();
        return SecurityContextMapper.Build(built.Spec!, built.Spec!.Containers![0]);
    }

    [Fact]
    public void NothingSet_UnprivilegedWithDefaultMasksAndUnconfinedSeccomp()
    {
        var sc = Map();

        sc.Privileged.ShouldBeFalse();
        sc.ReadonlyRootfs.ShouldBeFalse();
        sc.NoNewPrivs.ShouldBeFalse();
        sc.RunAsUser.ShouldBeNull();
        sc.RunAsGroup.ShouldBeNull();
        sc.MaskedPaths.ShouldContain("/proc/kcore");
        sc.ReadonlyPaths.ShouldBe(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]);
        sc.Seccomp.ProfileType.ShouldBe(SecurityProfile.Types.ProfileType.Unconfined);
        sc.NamespaceOptions.Network.ShouldBe(NamespaceMode.Pod);
    }

    [Fact]
    public void ContainerUserWinsOverThePods_PodGroupIsUsed()
    {
        var sc = Map(p => p.SecurityContext = new PodSecurityContext { RunAsUser = 1000, RunAsGroup = 3000 }, c => c.RunAsUser = 2000);

        sc.RunAsUser!.Value.ShouldBe(2000);
        sc.RunAsGroup!.Value.ShouldBe(3000);
    }

    [Fact]
    public void SupplementalGroups_IncludeTheFsGroup()
    {
        var sc = Map(p => p.SecurityContext = new PodSecurityContext { SupplementalGroups = [10, 20], FsGroup = 2000 });

        sc.SupplementalGroups.ShouldBe([10L, 20L, 2000L], ignoreOrder: true);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void NoNewPrivs_OnlyWhenEscalationIsExplicitlyForbidden(bool allow, bool noNewPrivs)
    {
        Map(container: c => c.AllowPrivilegeEscalation = allow).NoNewPrivs.ShouldBe(noNewPrivs);
    }

    [Fact]
    public void CapabilitiesAndReadOnlyRoot_ComeFromTheContainer()
    {
        var sc = Map(container: c =>
        {
            c.Capabilities = new Capabilities { Add = ["NET_ADMIN"], Drop = ["ALL"] };
            c.ReadOnlyRootFilesystem = true;
        });

        sc.Capabilities.AddCapabilities.ShouldBe(["NET_ADMIN"]);
        sc.Capabilities.DropCapabilities.ShouldBe(["ALL"]);
        sc.ReadonlyRootfs.ShouldBeTrue();
    }

    [Fact]
    public void PrivilegedOrUnmasked_NoMaskedPaths()
    {
        var privileged = Map(container: c => c.Privileged = true);
        var unmasked = Map(container: c => c.ProcMount = "Unmasked");

        privileged.Privileged.ShouldBeTrue();
        privileged.MaskedPaths.ShouldBeEmpty();
        privileged.ReadonlyPaths.ShouldBeEmpty();
        unmasked.MaskedPaths.ShouldBeEmpty();
        unmasked.ReadonlyPaths.ShouldBeEmpty();
    }

    [Fact]
    public void Seccomp_ContainerProfileWinsOverThePods()
    {
        var sc = Map(
            p => p.SecurityContext = new PodSecurityContext { SeccompProfile = new SeccompProfile { Type = "Localhost", LocalhostProfile = "profiles/audit.json" } },
            c => c.SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" });
        var podOnly = Map(p => p.SecurityContext = new PodSecurityContext { SeccompProfile = new SeccompProfile { Type = "Localhost", LocalhostProfile = "profiles/audit.json" } });

        sc.Seccomp.ProfileType.ShouldBe(SecurityProfile.Types.ProfileType.RuntimeDefault);
        podOnly.Seccomp.ProfileType.ShouldBe(SecurityProfile.Types.ProfileType.Localhost);
        podOnly.Seccomp.LocalhostRef.ShouldBe("profiles/audit.json");
    }

    [Fact]
    public void HostNamespaces_AreRequested()
    {
        var sc = Map(p =>
        {
            p.HostNetwork = true;
            p.HostPID = true;
            p.HostIPC = true;
        });

        sc.NamespaceOptions.Network.ShouldBe(NamespaceMode.Node);
        sc.NamespaceOptions.Pid.ShouldBe(NamespaceMode.Node);
        sc.NamespaceOptions.Ipc.ShouldBe(NamespaceMode.Node);
    }
}

// upstream verifyRunAsNonRoot, as far as the spec tells the user.
public sealed class RunAsNonRootTests
{
    private static string? Violation(bool? podNonRoot, long? podUser, bool? nonRoot, long? user)
    {
        var pod = new PodBuilder()
            .Spec(s => s.SecurityContext = new PodSecurityContext { RunAsNonRoot = podNonRoot, RunAsUser = podUser })
            .Container("app", c => c.SecurityContext = new SecurityContext { RunAsNonRoot = nonRoot, RunAsUser = user })
            .Build();
        return SecurityContextMapper.RunAsNonRootViolation(pod, pod.Spec!.Containers![0]);
    }

    [Theory]
    [InlineData(true, 0L, null, null)]
    [InlineData(null, null, true, 0L)]
    [InlineData(true, 1000L, null, 0L)]
    [InlineData(false, null, true, 0L)]
    public void RootUserUnderRunAsNonRoot_IsRefusedWithUpstreamsMessage(bool? podNonRoot, long? podUser, bool? nonRoot, long? user)
    {
        Violation(podNonRoot, podUser, nonRoot, user)
            .ShouldBe("container's runAsUser breaks non-root policy (pod: \"web_default(uid-1)\", container: app)");
    }

    [Theory]
    [InlineData(true, 1000L, null, null)]
    [InlineData(true, 0L, null, 1000L)]
    [InlineData(true, 0L, false, null)]
    [InlineData(null, 0L, null, null)]
    [InlineData(true, null, null, null)]
    public void OtherwiseAllowed(bool? podNonRoot, long? podUser, bool? nonRoot, long? user)
    {
        Violation(podNonRoot, podUser, nonRoot, user).ShouldBeNull();
    }
}
