using Sharplet.Api;
using Sharplet.Tests.Api.Serialization;

namespace Sharplet.Tests.Api.Core;

public class NodeRoundTripTests
{
    private const string ReadyNode = """
        {
          "apiVersion": "v1",
          "kind": "Node",
          "metadata": {
            "annotations": {"node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"},
            "creationTimestamp": "2025-02-01T08:00:00Z",
            "labels": {"kubernetes.io/arch": "amd64", "kubernetes.io/hostname": "node-1", "kubernetes.io/os": "linux"},
            "name": "node-1",
            "resourceVersion": "48111",
            "uid": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"
          },
          "spec": {
            "podCIDR": "10.244.1.0/24",
            "podCIDRs": ["10.244.1.0/24", "fd00:10:244:1::/64"],
            "providerID": "kind://docker/kind/node-1",
            "taints": [{"effect": "NoSchedule", "key": "dedicated", "value": "gpu", "timeAdded": "2025-02-02T00:00:00Z"}]
          },
          "status": {
            "addresses": [{"address": "10.0.0.11", "type": "InternalIP"}, {"address": "node-1", "type": "Hostname"}],
            "allocatable": {"cpu": "3800m", "ephemeral-storage": "94580335255", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                            "memory": "16240540Ki", "pods": "110"},
            "capacity": {"cpu": "4", "ephemeral-storage": "102625208Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                         "memory": "16342940Ki", "pods": "110"},
            "conditions": [
              {"lastHeartbeatTime": "2025-03-04T10:10:00Z", "lastTransitionTime": "2025-02-01T08:00:00Z",
               "message": "kubelet has sufficient memory available", "reason": "KubeletHasSufficientMemory",
               "status": "False", "type": "MemoryPressure"},
              {"lastHeartbeatTime": "2025-03-04T10:10:00Z", "lastTransitionTime": "2025-02-01T08:00:30Z",
               "message": "kubelet is posting ready status", "reason": "KubeletReady", "status": "True", "type": "Ready"}
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "features": {"supplementalGroupsPolicy": true},
            "images": [
              {"names": ["registry.k8s.io/kube-proxy@sha256:aa11", "registry.k8s.io/kube-proxy:v1.33.0"], "sizeBytes": 30207900},
              {"names": ["registry.k8s.io/pause:3.10"], "sizeBytes": 320368}
            ],
            "nodeInfo": {
              "architecture": "amd64", "bootID": "2b1c0d9e", "containerRuntimeVersion": "containerd://2.0.3",
              "kernelVersion": "6.8.0-51-generic", "kubeProxyVersion": "", "kubeletVersion": "v1.33.0",
              "machineID": "e3f1a2b4c5d6", "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)",
              "swap": {"capacity": 0}, "systemUUID": "4c4c4544-0042"
            },
            "runtimeHandlers": [
              {"features": {"recursiveReadOnlyMounts": true, "userNamespaces": true}, "name": "runc"},
              {"features": {"recursiveReadOnlyMounts": true, "userNamespaces": true}, "name": ""}
            ],
            "volumesAttached": [{"devicePath": "", "name": "kubernetes.io/csi/ebs.csi.aws.com^vol-0abc"}],
            "volumesInUse": ["kubernetes.io/csi/ebs.csi.aws.com^vol-0abc"]
          }
        }
        """;

    [Fact]
    public void ReadyNodeFromApiServer_RoundTripsUnchanged()
    {
        var node = RoundTrip.Check<Node>(ReadyNode);

        node.Status!.DaemonEndpoints!.KubeletEndpoint!.Port.ShouldBe(10250);
        node.Status.Capacity![ResourceName.Memory].Value().ShouldBe(16342940L * 1024);
        node.Status.Allocatable![ResourceName.Cpu].MilliValue().ShouldBe(3800);
        node.Status.Allocatable[ResourceName.Pods].Value().ShouldBe(110);
        node.Status.NodeInfo!.KubeProxyVersion.ShouldBe(string.Empty);
        node.Status.Conditions!.Single(c => c.Type == NodeConditionType.Ready).Status.ShouldBe(ConditionStatus.True);
        node.Spec!.Taints![0].TimeAdded.ShouldBe(new DateTimeOffset(2025, 2, 2, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void NodeList_RoundTrips() =>
        RoundTrip.Check<NodeList>($$"""{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{{ReadyNode}}]}""")
            .Items.ShouldHaveSingleItem();
}
