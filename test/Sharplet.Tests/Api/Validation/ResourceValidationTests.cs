using Sharplet.Api;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class ResourceValidationTests
{
    private static readonly Dictionary<string, (Action<Pod> Break, string Field, FieldErrorType Type)> Cases = new()
    {
        ["negative request"] = (pod => Requests(pod)["cpu"] = Quantity.Parse("-1"), "spec.containers[0].resources.requests[cpu]", FieldErrorType.Invalid),
        ["negative limit"] = (pod => Limits(pod)["memory"] = Quantity.Parse("-1Mi"), "spec.containers[0].resources.limits[memory]", FieldErrorType.Invalid),
        ["request above limit"] = (pod => Requests(pod)["cpu"] = Quantity.Parse("2"), "spec.containers[0].resources.requests", FieldErrorType.Invalid),
        ["extended request below limit"] = (pod => Requests(pod)["example.com/gpu"] = Quantity.Parse("0"), "spec.containers[0].resources.requests", FieldErrorType.Invalid),
        ["extended request without limit"] = (pod => Limits(pod).Remove("example.com/gpu"), "spec.containers[0].resources.limits", FieldErrorType.Required),
        ["extended fractional"] = (pod => { Requests(pod)["example.com/gpu"] = Quantity.Parse("500m"); Limits(pod)["example.com/gpu"] = Quantity.Parse("500m"); }, "spec.containers[0].resources.limits[example.com/gpu]", FieldErrorType.Invalid),
        ["unknown unqualified name"] = (pod => Requests(pod)["gpu"] = Quantity.Parse("1"), "spec.containers[0].resources.requests[gpu]", FieldErrorType.Invalid),
        ["non-container standard name"] = (pod => Requests(pod)["pods"] = Quantity.Parse("1"), "spec.containers[0].resources.requests[pods]", FieldErrorType.Invalid),
        ["name not qualified"] = (pod => Requests(pod)["-cpu"] = Quantity.Parse("1"), "spec.containers[0].resources.requests[-cpu]", FieldErrorType.Invalid),
        ["extended name with requests prefix"] = (pod => Limits(pod)["requests.example.com/x"] = Quantity.Parse("1"), "spec.containers[0].resources.limits[requests.example.com/x]", FieldErrorType.Invalid),
        ["hugepages not whole pages"] = (pod => { Limits(pod)["hugepages-2Mi"] = Quantity.Parse("3Mi"); Requests(pod)["hugepages-2Mi"] = Quantity.Parse("3Mi"); }, "spec.containers[0].resources.limits[hugepages-2Mi]", FieldErrorType.Invalid),
        ["hugepages request differs"] = (pod => Requests(pod)["hugepages-2Mi"] = Quantity.Parse("2Mi"), "spec.containers[0].resources.requests", FieldErrorType.Invalid),
        ["hugepages without cpu or memory"] = (pod => pod.Spec!.Containers![1].Resources = new ResourceRequirements { Limits = new() { ["hugepages-2Mi"] = Quantity.Parse("2Mi") } }, "spec.containers[1].resources", FieldErrorType.Forbidden),
        ["claim not in pod"] = (pod => pod.Spec!.Containers![1].Resources = new ResourceRequirements { Claims = [new ResourceClaim { Name = "gpu" }] }, "spec.containers[1].resources.claims[0]", FieldErrorType.NotFound),
        ["claim empty name"] = (pod => pod.Spec!.Containers![1].Resources = new ResourceRequirements { Claims = [new ResourceClaim()] }, "spec.containers[1].resources.claims[0]", FieldErrorType.Required),
        ["pod claim without source"] = (pod => pod.Spec!.ResourceClaims = [new PodResourceClaim { Name = "gpu" }], "spec.resourceClaims[0]", FieldErrorType.Invalid),
        ["pod claim duplicate"] = (pod => pod.Spec!.ResourceClaims = [new PodResourceClaim { Name = "gpu", ResourceClaimName = "a" }, new PodResourceClaim { Name = "gpu", ResourceClaimName = "b" }], "spec.resourceClaims[1].name", FieldErrorType.Duplicate),
        ["resize unknown resource"] = (pod => App(pod).ResizePolicy![0].ResourceName = "disk", "spec.containers[0].resizePolicy", FieldErrorType.NotSupported),
        ["resize unknown policy"] = (pod => App(pod).ResizePolicy![0].RestartPolicy = "Later", "spec.containers[0].resizePolicy", FieldErrorType.NotSupported),
        ["resize duplicate"] = (pod => App(pod).ResizePolicy!.Add(new ContainerResizePolicy { ResourceName = "cpu", RestartPolicy = "NotRequired" }), "spec.containers[0].resizePolicy[1]", FieldErrorType.Duplicate),
        ["resize restart with Never"] = (pod => { pod.Spec!.RestartPolicy = "Never"; App(pod).ResizePolicy![0].RestartPolicy = "RestartContainer"; }, "spec.containers[0].resizePolicy", FieldErrorType.Invalid),
        ["overhead negative"] = (pod => pod.Spec!.Overhead = new() { ["cpu"] = Quantity.Parse("-10m") }, "spec.overhead.limits[cpu]", FieldErrorType.Invalid),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_InvalidResources_ReportsExactPathAndType(string name)
    {
        var pod = ValidPods.Full();
        var (breakIt, field, type) = Cases[name];
        breakIt(pod);

        pod.ShouldReport(field, type);
    }

    [Fact]
    public void Validate_RequestAboveLimit_ReadsLikeUpstream()
    {
        var pod = ValidPods.Full();
        Requests(pod)["cpu"] = Quantity.Parse("2");

        pod.ShouldReport("spec.containers[0].resources.requests", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1");
    }

    [Fact]
    public void Validate_NegativeQuantity_ReadsLikeUpstream()
    {
        var pod = ValidPods.Full();
        Requests(pod)["cpu"] = Quantity.Parse("-1");

        pod.ShouldReport("spec.containers[0].resources.requests[cpu]", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0");
    }

    [Fact]
    public void Validate_ExtendedFractional_PrintsQuantityBare()
    {
        var pod = ValidPods.Full();
        Requests(pod)["example.com/gpu"] = Quantity.Parse("500m");
        Limits(pod)["example.com/gpu"] = Quantity.Parse("500m");

        pod.ShouldReport("spec.containers[0].resources.requests[example.com/gpu]", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.containers[0].resources.requests[example.com/gpu]: Invalid value: 500m: must be an integer");
    }

    [Fact]
    public void Validate_PodClaimReferencedByContainer_IsValid()
    {
        var pod = ValidPods.Full();
        pod.Spec!.ResourceClaims = [new PodResourceClaim { Name = "gpu", ResourceClaimTemplateName = "gpu-template" }];
        pod.Spec.Containers![1].Resources = new ResourceRequirements { Claims = [new ResourceClaim { Name = "gpu" }] };

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_KubernetesIoPrefixedResource_IsNative()
    {
        var pod = ValidPods.Full();
        Requests(pod)["kubernetes.io/custom"] = Quantity.Parse("100m");

        pod.ShouldBeValid();
    }

    private static Container App(Pod pod) => pod.Spec!.Containers![0];

    private static Dictionary<string, Quantity> Requests(Pod pod) => App(pod).Resources!.Requests!;

    private static Dictionary<string, Quantity> Limits(Pod pod) => App(pod).Resources!.Limits!;
}
