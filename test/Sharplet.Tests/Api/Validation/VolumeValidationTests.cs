using System.Text.Json;
using Sharplet.Api;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class VolumeValidationTests
{
    // Volumes of the full pod: 0 scratch (emptyDir), 1 cache (memory emptyDir), 2 host-logs (hostPath),
    // 3 config (configMap), 4 tls (secret), 5 podinfo (downwardAPI), 6 token (projected), 7 data (pvc),
    // 8 defaulted (emptyDir by default). Mounts of containers[0]: 0 scratch, 1 config with subPath,
    // 2 tls (recursiveReadOnly), 3 podinfo, 4 token, 5 data with subPathExpr, 6 host-logs (HostToContainer).
    private static readonly Dictionary<string, (Action<Pod> Break, string Field, FieldErrorType Type)> Cases = new()
    {
        ["name missing"] = (pod => Volume(pod, 1).Name = "", "spec.volumes[1].name", FieldErrorType.Required),
        ["name not a label"] = (pod => Volume(pod, 1).Name = "Cache_1", "spec.volumes[1].name", FieldErrorType.Invalid),
        ["name duplicate"] = (pod => Volume(pod, 1).Name = "scratch", "spec.volumes[1].name", FieldErrorType.Duplicate),
        ["no source"] = (pod => Volume(pod, 1).EmptyDir = null, "spec.volumes[1]", FieldErrorType.Required),
        ["two sources"] = (pod => Volume(pod, 1).HostPath = new HostPathVolumeSource { Path = "/x", Type = "" }, "spec.volumes[1].hostPath", FieldErrorType.Forbidden),
        ["legacy source counted"] = (pod => Volume(pod, 1).Nfs = JsonDocument.Parse("""{"server":"s","path":"/"}""").RootElement, "spec.volumes[1].nfs", FieldErrorType.Forbidden),
        ["emptyDir negative size"] = (pod => Volume(pod, 0).EmptyDir!.SizeLimit = Quantity.Parse("-1Gi"), "spec.volumes[0].emptyDir.sizeLimit", FieldErrorType.Forbidden),
        ["emptyDir unknown medium"] = (pod => Volume(pod, 1).EmptyDir!.Medium = "SSD", "spec.volumes[1].emptyDir.medium", FieldErrorType.NotSupported),
        ["emptyDir bad hugepage size"] = (pod => Volume(pod, 1).EmptyDir!.Medium = "HugePages-big", "spec.volumes[1].emptyDir.medium", FieldErrorType.NotSupported),
        ["hostPath path missing"] = (pod => Volume(pod, 2).HostPath!.Path = "", "spec.volumes[2].hostPath.path", FieldErrorType.Required),
        ["hostPath backsteps"] = (pod => Volume(pod, 2).HostPath!.Path = "/var/../etc", "spec.volumes[2].hostPath.path", FieldErrorType.Invalid),
        ["hostPath type unknown"] = (pod => Volume(pod, 2).HostPath!.Type = "Folder", "spec.volumes[2].hostPath.type", FieldErrorType.NotSupported),
        ["configMap name missing"] = (pod => Volume(pod, 3).ConfigMap!.Name = null, "spec.volumes[3].configMap.name", FieldErrorType.Required),
        ["configMap mode too large"] = (pod => Volume(pod, 3).ConfigMap!.DefaultMode = 512, "spec.volumes[3].configMap.defaultMode", FieldErrorType.Invalid),
        ["configMap item key missing"] = (pod => Volume(pod, 3).ConfigMap!.Items![0].Key = "", "spec.volumes[3].configMap.items[0].key", FieldErrorType.Required),
        ["configMap item path absolute"] = (pod => Volume(pod, 3).ConfigMap!.Items![0].Path = "/etc/x", "spec.volumes[3].configMap.items[0].path", FieldErrorType.Invalid),
        ["configMap item path dotdot"] = (pod => Volume(pod, 3).ConfigMap!.Items![0].Path = "..data", "spec.volumes[3].configMap.items[0].path", FieldErrorType.Invalid),
        ["configMap item mode negative"] = (pod => Volume(pod, 3).ConfigMap!.Items![0].Mode = -1, "spec.volumes[3].configMap.items[0].mode", FieldErrorType.Invalid),
        ["secret name missing"] = (pod => Volume(pod, 4).Secret!.SecretName = "", "spec.volumes[4].secret.secretName", FieldErrorType.Required),
        ["downwardAPI unsupported field"] = (pod => Volume(pod, 5).DownwardAPI!.Items![0].FieldRef!.FieldPath = "spec.nodeName", "spec.volumes[5].downwardAPI.fieldRef.fieldPath", FieldErrorType.NotSupported),
        ["downwardAPI no source"] = (pod => Volume(pod, 5).DownwardAPI!.Items![1].ResourceFieldRef = null, "spec.volumes[5].downwardAPI", FieldErrorType.Required),
        ["downwardAPI resource without container"] = (pod => Volume(pod, 5).DownwardAPI!.Items![1].ResourceFieldRef!.ContainerName = null, "spec.volumes[5].downwardAPI.resourceFieldRef.containerName", FieldErrorType.Required),
        ["projected short token"] = (pod => Volume(pod, 6).Projected!.Sources![0].ServiceAccountToken!.ExpirationSeconds = 60, "spec.volumes[6].projected.sources[0].serviceAccountToken.expirationSeconds", FieldErrorType.Invalid),
        ["projected token path missing"] = (pod => Volume(pod, 6).Projected!.Sources![0].ServiceAccountToken!.Path = "", "spec.volumes[6].projected.path", FieldErrorType.Required),
        ["projected duplicate path"] = (pod => Volume(pod, 6).Projected!.Sources![2].DownwardAPI!.Items![0].Path = "ca.crt", "spec.volumes[6].projected", FieldErrorType.Invalid),
        ["projected two kinds in one source"] = (pod => Volume(pod, 6).Projected!.Sources![1].Secret = new SecretProjection { Name = "s" }, "spec.volumes[6].projected.sources[1]", FieldErrorType.Forbidden),
        ["pvc claim name missing"] = (pod => Volume(pod, 7).PersistentVolumeClaim!.ClaimName = "", "spec.volumes[7].persistentVolumeClaim.claimName", FieldErrorType.Required),
        ["image volume beside emptyDir"] = (pod => Volume(pod, 8).Image = new ImageVolumeSource { PullPolicy = "Always" }, "spec.volumes[8].image", FieldErrorType.Forbidden),
        ["mount unknown volume"] = (pod => Mount(pod, 0).Name = "ghost", "spec.containers[0].volumeMounts[0].name", FieldErrorType.NotFound),
        ["mount of invalid volume"] = (pod => Volume(pod, 0).EmptyDir!.Medium = "SSD", "spec.containers[0].volumeMounts[0].name", FieldErrorType.NotFound),
        ["mount name missing"] = (pod => Mount(pod, 0).Name = "", "spec.containers[0].volumeMounts[0].name", FieldErrorType.Required),
        ["mount path missing"] = (pod => Mount(pod, 0).MountPath = "", "spec.containers[0].volumeMounts[0].mountPath", FieldErrorType.Required),
        ["mount path repeated"] = (pod => Mount(pod, 3).MountPath = "/tmp", "spec.containers[0].volumeMounts[3].mountPath", FieldErrorType.Invalid),
        ["subPath absolute"] = (pod => Mount(pod, 1).SubPath = "/abs", "spec.containers[0].volumeMounts.subPath", FieldErrorType.Invalid),
        ["subPath backsteps"] = (pod => Mount(pod, 1).SubPath = "a/../../b", "spec.containers[0].volumeMounts.subPath", FieldErrorType.Invalid),
        ["subPath and subPathExpr"] = (pod => Mount(pod, 1).SubPathExpr = "$(POD_NAME)", "spec.containers[0].volumeMounts[1].subPathExpr", FieldErrorType.Invalid),
        ["subPathExpr backsteps"] = (pod => Mount(pod, 5).SubPathExpr = "../x", "spec.containers[0].volumeMounts.subPathExpr", FieldErrorType.Invalid),
        ["propagation unknown"] = (pod => Mount(pod, 6).MountPropagation = "Both", "spec.containers[0].volumeMounts.mountPropagation", FieldErrorType.NotSupported),
        ["bidirectional unprivileged"] = (pod => Mount(pod, 6).MountPropagation = "Bidirectional", "spec.containers[0].volumeMounts.mountPropagation", FieldErrorType.Forbidden),
        ["recursive read-only on writable mount"] = (pod => Mount(pod, 2).ReadOnly = false, "spec.containers[0].volumeMounts.recursiveReadOnly", FieldErrorType.Forbidden),
        ["recursive read-only unknown"] = (pod => Mount(pod, 2).RecursiveReadOnly = "Always", "spec.containers[0].volumeMounts.recursiveReadOnly", FieldErrorType.NotSupported),
        ["device on non-claim volume"] = (pod => pod.Spec!.Containers![1].VolumeDevices = [new VolumeDevice { Name = "cache", DevicePath = "/dev/xvda" }], "spec.containers[1].volumeDevices[0].name", FieldErrorType.Invalid),
        ["device path also mounted"] = (pod => pod.Spec!.Containers![1].VolumeDevices = [new VolumeDevice { Name = "data", DevicePath = "/tmp" }], "spec.containers[1].volumeDevices[0].devicePath", FieldErrorType.Invalid),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_InvalidVolumeOrMount_ReportsExactPathAndType(string name)
    {
        var pod = ValidPods.Full();
        var (breakIt, field, type) = Cases[name];
        breakIt(pod);

        pod.ShouldReport(field, type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Memory")]
    [InlineData("HugePages")]
    [InlineData("HugePages-2Mi")]
    [InlineData("HugePages-1Gi")]
    public void Validate_EmptyDirMedium_KubeletMountableOnesAreValid(string medium)
    {
        var pod = ValidPods.Full();
        Volume(pod, 1).EmptyDir!.Medium = medium;

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_HostPathTypeUnsupported_ListsUpstreamTypes()
    {
        var pod = ValidPods.Full();
        Volume(pod, 2).HostPath!.Type = "Folder";

        pod.ShouldReport("spec.volumes[2].hostPath.type", FieldErrorType.NotSupported).ToString().ShouldBe(
            "spec.volumes[2].hostPath.type: Unsupported value: \"Folder\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"");
    }

    [Fact]
    public void Validate_NoSource_ReadsLikeUpstream()
    {
        var pod = ValidPods.Full();
        Volume(pod, 1).EmptyDir = null;

        pod.ShouldReport("spec.volumes[1]", FieldErrorType.Required).ToString().ShouldBe("spec.volumes[1]: Required value: must specify a volume type");
    }

    [Fact]
    public void Validate_FileModeOutOfRange_ExplainsOctalRange()
    {
        var pod = ValidPods.Full();
        Volume(pod, 4).Secret!.DefaultMode = 1000;

        pod.ShouldReport("spec.volumes[4].secret.defaultMode", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.volumes[4].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive");
    }

    [Fact]
    public void Validate_BidirectionalPropagationPrivileged_IsValid()
    {
        var pod = ValidPods.Full();
        Mount(pod, 6).MountPropagation = "Bidirectional";
        pod.Spec!.Containers![0].SecurityContext = new SecurityContext { Privileged = true };

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_BlockDeviceOnClaim_IsValid()
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![1].VolumeDevices = [new VolumeDevice { Name = "data", DevicePath = "/dev/xvdb" }];

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_ImageVolume_ForbidsSubPath()
    {
        var pod = ValidPods.Full();
        Volume(pod, 8).EmptyDir = null;
        Volume(pod, 8).Image = new ImageVolumeSource { Reference = "quay.io/data:v1", PullPolicy = "IfNotPresent" };
        pod.Spec!.Containers![1].VolumeMounts![1].SubPath = "sub";

        pod.ShouldReport("spec.containers[1].volumeMounts[1].subPath", FieldErrorType.Invalid).Detail.ShouldBe("not allowed in image volume sources");
    }

    [Fact]
    public void Validate_ImageVolumeWithoutReference_IsRequired()
    {
        var pod = ValidPods.Full();
        Volume(pod, 8).EmptyDir = null;
        Volume(pod, 8).Image = new ImageVolumeSource { PullPolicy = "Always" };

        pod.ShouldReport("spec.volumes[8].image.reference", FieldErrorType.Required);
    }

    [Fact]
    public void Validate_EphemeralVolumeClaimNameTooLong_ReportsPvcName()
    {
        var pod = ValidPods.Full();
        pod.Metadata!.Name = new string('p', 250);
        Volume(pod, 8).EmptyDir = null;
        Volume(pod, 8).Ephemeral = new EphemeralVolumeSource { VolumeClaimTemplate = JsonDocument.Parse("""{"spec":{}}""").RootElement };

        pod.ShouldReport("spec.volumes[8].name", FieldErrorType.Invalid).Detail.ShouldStartWith("PVC name \"ppp");
    }

    private static Volume Volume(Pod pod, int index) => pod.Spec!.Volumes![index];

    private static VolumeMount Mount(Pod pod, int index) => pod.Spec!.Containers![0].VolumeMounts![index];
}
