using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class PodValidatorTests
{
    private static readonly Dictionary<string, (Action<Pod> Break, string Field, FieldErrorType Type)> MetadataCases = new()
    {
        ["name missing"] = (pod => pod.Metadata!.Name = null, "metadata.name", FieldErrorType.Required),
        ["name not a subdomain"] = (pod => pod.Metadata!.Name = "Bad_Name", "metadata.name", FieldErrorType.Invalid),
        ["generateName not a subdomain prefix"] = (pod => pod.Metadata!.GenerateName = "Bad_", "metadata.generateName", FieldErrorType.Invalid),
        ["namespace missing"] = (pod => pod.Metadata!.Namespace = "", "metadata.namespace", FieldErrorType.Required),
        ["namespace with dots"] = (pod => pod.Metadata!.Namespace = "a.b", "metadata.namespace", FieldErrorType.Invalid),
        ["negative generation"] = (pod => pod.Metadata!.Generation = -1, "metadata.generation", FieldErrorType.Invalid),
        ["label key invalid"] = (pod => pod.Metadata!.Labels!["-bad"] = "x", "metadata.labels", FieldErrorType.Invalid),
        ["label value invalid"] = (pod => pod.Metadata!.Labels!["ok"] = "bad value", "metadata.labels", FieldErrorType.Invalid),
        ["label value too long"] = (pod => pod.Metadata!.Labels!["ok"] = new string('v', 64), "metadata.labels", FieldErrorType.Invalid),
        ["annotation key invalid"] = (pod => pod.Metadata!.Annotations!["a/b/c"] = "x", "metadata.annotations", FieldErrorType.Invalid),
        ["annotations too large"] = (pod => pod.Metadata!.Annotations!["big"] = new string('x', 256 * 1024), "metadata.annotations", FieldErrorType.TooLong),
        ["mirror pod without node"] = (pod => pod.Metadata!.Annotations!["kubernetes.io/config.mirror"] = "abc", "metadata.annotations[kubernetes.io/config.mirror]", FieldErrorType.Invalid),
        ["deletion cost not int32"] = (pod => pod.Metadata!.Annotations!["controller.kubernetes.io/pod-deletion-cost"] = "+10", "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", FieldErrorType.Invalid),
        ["finalizer not qualified"] = (pod => pod.Metadata!.Finalizers = ["custom"], "metadata.finalizers", FieldErrorType.Invalid),
        ["owner reference without uid"] = (pod => pod.Metadata!.OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs" }], "metadata.ownerReferences.uid", FieldErrorType.Invalid),
    };

    public static TheoryData<string> MetadataCaseNames => [.. MetadataCases.Keys];

    [Fact]
    public void Validate_ValidFullPod_HasNoErrors() => ValidPods.Full().ShouldBeValid();

    [Fact]
    public void Validate_ValidMinimalPod_HasNoErrors() => ValidPods.Minimal().ShouldBeValid();

    [Theory]
    [MemberData(nameof(MetadataCaseNames))]
    public void Validate_InvalidMetadata_ReportsExactPathAndType(string name)
    {
        var pod = ValidPods.Full();
        var (breakIt, field, type) = MetadataCases[name];
        breakIt(pod);

        pod.ShouldReport(field, type);
    }

    [Fact]
    public void Validate_BadName_ReadsLikeUpstream()
    {
        var pod = ValidPods.Minimal();
        pod.Metadata!.Name = "Bad_Name";

        pod.ShouldReport("metadata.name", FieldErrorType.Invalid).ToString().ShouldBe(
            "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    [Fact]
    public void Validate_MissingImage_ReadsLikeUpstream()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.Containers![0].Image = null;

        pod.ShouldReport("spec.containers[0].image", FieldErrorType.Required).ToString().ShouldBe("spec.containers[0].image: Required value");
    }

    [Fact]
    public void Validate_UnsupportedRestartPolicy_ListsUpstreamValues()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.RestartPolicy = "Sometimes";

        pod.ShouldReport("spec.restartPolicy", FieldErrorType.NotSupported).ToString().ShouldBe(
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    [Fact]
    public void Validate_NoMetadataOrSpec_ReportsRequiredFieldsWithoutThrowing()
    {
        var errors = PodValidator.Validate(new Pod());

        errors.ShouldContain(error => error.Field == "metadata.name" && error.Type == FieldErrorType.Required);
        errors.ShouldContain(error => error.Field == "spec.containers" && error.Type == FieldErrorType.Required);
        errors.ShouldContain(error => error.Field == "spec.terminationGracePeriodSeconds" && error.Type == FieldErrorType.Required);
        errors.ShouldContain(error => error.Field == "spec.restartPolicy" && error.Type == FieldErrorType.Required);
        errors.ShouldContain(error => error.Field == "spec.dnsPolicy" && error.Type == FieldErrorType.Required);
    }

    [Fact]
    public void Validate_UndefaultedPod_ReportsTheFieldsDefaultingFills()
    {
        var errors = PodValidator.Validate(ValidPods.Read(ValidPods.MinimalYaml)).Select(error => error.Field).ToList();

        errors.ShouldBe(
            ["spec.terminationGracePeriodSeconds", "spec.containers[0].terminationMessagePolicy", "spec.containers[0].imagePullPolicy", "spec.restartPolicy", "spec.dnsPolicy"],
            ignoreOrder: true);
    }

    [Fact]
    public void Validate_ProjectedTokenWithoutServiceAccount_IsForbidden()
    {
        var pod = ValidPods.Full();
        pod.Spec!.ServiceAccountName = null;

        pod.ShouldReport("spec.volumes[6].projected.sources[0].serviceAccountToken", FieldErrorType.Forbidden);
    }

    [Fact]
    public void Validate_MirrorPodOnNode_IsValid()
    {
        var pod = ValidPods.Minimal();
        pod.Metadata!.Annotations = new() { ["kubernetes.io/config.mirror"] = "hash" };
        pod.Spec!.NodeName = "node-1";

        pod.ShouldBeValid();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2147483647")]
    public void Validate_DeletionCostInt32_IsValid(string cost)
    {
        var pod = ValidPods.Minimal();
        pod.Metadata!.Annotations = new() { ["controller.kubernetes.io/pod-deletion-cost"] = cost };

        pod.ShouldBeValid();
    }

    [Fact]
    public void ValidateCreate_EphemeralContainers_AreForbidden()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.EphemeralContainers = [new EphemeralContainer { Name = "debug", Image = "busybox" }];
        PodDefaults.Apply(pod);

        PodValidator.Validate(pod).ShouldBeEmpty();
        PodValidator.ValidateCreate(pod).ShouldContain(error => error.Field == "spec.ephemeralContainers" && error.Type == FieldErrorType.Forbidden);
    }

    [Fact]
    public void ValidateCreate_NodeNameWithSchedulingGates_IsForbidden()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.NodeName = "node-1";
        pod.Spec.SchedulingGates = [new PodSchedulingGate { Name = "example.com/wait" }];

        PodValidator.ValidateCreate(pod).ShouldContain(error => error.Field == "spec.nodeName" && error.Type == FieldErrorType.Forbidden);
    }

    [Fact]
    public void ValidateCreate_ValidFullPod_HasNoErrors() => PodValidator.ValidateCreate(ValidPods.Full()).ShouldBeEmpty();
}
