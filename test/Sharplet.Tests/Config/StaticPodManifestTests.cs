using Sharplet.Api;
using Sharplet.Config;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Config;

// The test-support manifest builder writes what the file source reads: its YAML and JSON decode to the very pod
// the hand-written manifest decodes to (the UID is a hash of the decoded pod, so equal UIDs are equal pods).
public sealed class StaticPodManifestTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Pod Decode(string text)
    {
        var result = ManifestDecoder.Decode("/etc/kubernetes/manifests/p.yaml", text, "node-a", Now);
        result.Errors.ShouldBeEmpty(text);
        return result.Pods.ShouldHaveSingleItem();
    }

    private static void ShouldDecodeAlike(StaticPod built, string handWritten)
    {
        var expected = KubeJson.Serialize(Decode(handWritten));
        KubeJson.Serialize(Decode(built.ToYaml())).ShouldBe(expected, built.ToYaml());
        KubeJson.Serialize(Decode(built.ToJson())).ShouldBe(expected, built.ToJson());
    }

    [Fact]
    public void Sleeper_DecodesToTheSamePod_AsTheManifestTheTestsWroteByHand() =>
        ShouldDecodeAlike(StaticPod.Sleeper("web"), """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
            """);

    [Fact]
    public void StringsThatLookLikeNumbersOrBooleans_StayStrings()
    {
        var pod = new StaticPod("odd").Label("on", "yes").Busybox("main", "sleep", "3600", "true", "null", "~", "1e3", "a: b", "#x")
            .With(c => c.Env = [new EnvVar { Name = "FLAG", Value = "off" }, new EnvVar { Name = "N", Value = "007" }]);

        var decoded = Decode(pod.ToYaml());

        decoded.Metadata!.Labels!["on"].ShouldBe("yes");
        decoded.Spec!.Containers![0].Command.ShouldBe(["sleep", "3600", "true", "null", "~", "1e3", "a: b", "#x"]);
        decoded.Spec.Containers[0].Env!.Select(e => e.Value).ShouldBe(["off", "007"]);
    }

    [Fact]
    public void ProbesVolumesResourcesAndSidecars_DecodeToTheSamePod_AsTheirHandWrittenManifest() =>
        ShouldDecodeAlike(
            new StaticPod("rich").Namespace("team").RestartPolicy(RestartPolicy.OnFailure)
                .Sidecar(StaticPod.BusyboxContainer("helper", "sleep", "3600"))
                .Shell("main", "echo hi; sleep 3600")
                .With(c =>
                {
                    c.ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/ready"] }, PeriodSeconds = 1 };
                    c.Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("10m"), ["memory"] = Quantity.Parse("8Mi") } };
                    c.VolumeMounts = [new VolumeMount { Name = "scratch", MountPath = "/scratch" }];
                })
                .Volume(new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory" } }),
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: rich
              namespace: team
            spec:
              restartPolicy: OnFailure
              initContainers:
              - {name: helper, image: busybox, imagePullPolicy: IfNotPresent, restartPolicy: Always, command: [sleep, "3600"]}
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo hi; sleep 3600"]
                readinessProbe:
                  exec: {command: [cat, /tmp/ready]}
                  periodSeconds: 1
                resources:
                  requests: {cpu: 10m, memory: 8Mi}
                volumeMounts: [{name: scratch, mountPath: /scratch}]
              volumes:
              - name: scratch
                emptyDir: {medium: Memory}
            """);
}
