using Sharplet.Api;
using Sharplet.Tests.Api.Serialization;

namespace Sharplet.Tests.Api.Core;

public class PodRoundTripTests
{
    // Shaped like `kubectl get pod -o json` from a 1.33 apiserver.
    private const string RunningPod = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "creationTimestamp": "2025-03-04T10:11:12Z",
            "generateName": "web-7d9c8b5f4-",
            "generation": 1,
            "labels": {"app": "web", "pod-template-hash": "7d9c8b5f4"},
            "managedFields": [
              {"apiVersion": "v1", "fieldsType": "FieldsV1",
               "fieldsV1": {"f:metadata": {"f:generateName": {}, "f:labels": {".": {}, "f:app": {}}}},
               "manager": "kube-controller-manager", "operation": "Update", "time": "2025-03-04T10:11:12Z"},
              {"apiVersion": "v1", "fieldsType": "FieldsV1",
               "fieldsV1": {"f:status": {"f:conditions": {"k:{\"type\":\"Ready\"}": {".": {}, "f:status": {}}}}},
               "manager": "kubelet", "operation": "Update", "subresource": "status", "time": "2025-03-04T10:11:20Z"}
            ],
            "name": "web-7d9c8b5f4-x2k8p",
            "namespace": "default",
            "ownerReferences": [
              {"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "ReplicaSet",
               "name": "web-7d9c8b5f4", "uid": "4f1c2f0e-8f5e-4c39-9a0e-1d2b3c4d5e6f"}
            ],
            "resourceVersion": "48213",
            "uid": "0b8f6c1a-2d3e-4f5a-8b9c-0d1e2f3a4b5c"
          },
          "spec": {
            "containers": [
              {
                "image": "nginx:1.27",
                "imagePullPolicy": "IfNotPresent",
                "name": "nginx",
                "ports": [{"containerPort": 80, "name": "http", "protocol": "TCP"}],
                "readinessProbe": {"failureThreshold": 3, "httpGet": {"path": "/", "port": "http", "scheme": "HTTP"},
                                   "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1},
                "resources": {"limits": {"cpu": "1", "memory": "256Mi"}, "requests": {"cpu": "250m", "memory": "128Mi"}},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-abcde", "readOnly": true}]
              }
            ],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "nodeName": "node-1",
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": "default",
            "serviceAccountName": "default",
            "terminationGracePeriodSeconds": 30,
            "tolerations": [
              {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
              {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
            ],
            "volumes": [
              {
                "name": "kube-api-access-abcde",
                "projected": {
                  "defaultMode": 420,
                  "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
                  ]
                }
              }
            ]
          },
          "status": {
            "conditions": [
              {"lastProbeTime": null, "lastTransitionTime": "2025-03-04T10:11:15Z", "status": "True", "type": "PodReadyToStartContainers"},
              {"lastProbeTime": null, "lastTransitionTime": "2025-03-04T10:11:12Z", "status": "True", "type": "Initialized"},
              {"lastProbeTime": null, "lastTransitionTime": "2025-03-04T10:11:20Z", "status": "True", "type": "Ready"},
              {"lastProbeTime": null, "lastTransitionTime": "2025-03-04T10:11:20Z", "status": "True", "type": "ContainersReady"},
              {"lastProbeTime": null, "lastTransitionTime": "2025-03-04T10:11:12Z", "status": "True", "type": "PodScheduled"}
            ],
            "containerStatuses": [
              {
                "containerID": "containerd://9f8e7d6c5b4a",
                "image": "docker.io/library/nginx:1.27",
                "imageID": "docker.io/library/nginx@sha256:0a1b2c3d",
                "lastState": {},
                "name": "nginx",
                "ready": true,
                "resources": {"limits": {"cpu": "1", "memory": "256Mi"}, "requests": {"cpu": "250m", "memory": "128Mi"}},
                "restartCount": 0,
                "started": true,
                "state": {"running": {"startedAt": "2025-03-04T10:11:14Z"}},
                "user": {"linux": {"gid": 0, "supplementalGroups": [0], "uid": 0}},
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-abcde",
                                  "readOnly": true, "recursiveReadOnly": "Disabled"}]
              }
            ],
            "hostIP": "10.0.0.11",
            "hostIPs": [{"ip": "10.0.0.11"}],
            "observedGeneration": 1,
            "phase": "Running",
            "podIP": "10.244.1.7",
            "podIPs": [{"ip": "10.244.1.7"}, {"ip": "fd00:10:244:1::7"}],
            "qosClass": "Burstable",
            "startTime": "2025-03-04T10:11:12Z"
          }
        }
        """;

    [Fact]
    public void RunningPodFromApiServer_RoundTripsUnchanged()
    {
        var pod = RoundTrip.Check<Pod>(RunningPod);

        pod.Metadata!.ManagedFields!.Count.ShouldBe(2);
        pod.Metadata.OwnerReferences![0].Controller.ShouldBe(true);
        pod.Status!.Phase.ShouldBe(PodPhase.Running);
        pod.Status.Conditions!.Single(c => c.Type == PodConditionType.Ready).Status.ShouldBe(ConditionStatus.True);
        pod.Status.Conditions![0].LastProbeTime.ShouldBeNull();
        pod.Status.ContainerStatuses![0].State!.Running!.StartedAt.ShouldBe(new DateTimeOffset(2025, 3, 4, 10, 11, 14, TimeSpan.Zero));
        pod.Status.PodIPs!.Select(ip => ip.IP).ShouldBe(["10.244.1.7", "fd00:10:244:1::7"]);
        pod.Spec!.Containers![0].ReadinessProbe!.HttpGet!.Port.StringValue.ShouldBe("http");
    }

    [Fact]
    public void PodList_WithContinueToken_RoundTrips()
    {
        var list = RoundTrip.Check<PodList>($$"""
            {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"48300","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ","remainingItemCount":12},
             "items":[{{RunningPod}}]}
            """);

        list.Metadata!.RemainingItemCount.ShouldBe(12);
        list.Items.ShouldHaveSingleItem().Metadata!.Name.ShouldBe("web-7d9c8b5f4-x2k8p");
    }

    [Fact]
    public void TerminatedContainerStatus_RoundTrips()
    {
        var pod = RoundTrip.Check<Pod>("""
            {"status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory.",
             "containerStatuses":[{"name":"app","image":"app:1","imageID":"","ready":false,"restartCount":3,
              "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2025-01-01T00:00:00Z","finishedAt":"2025-01-01T00:05:00Z","containerID":"containerd://abc"}},
              "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container"}},"stopSignal":"SIGTERM"}]}}
            """);

        pod.Status!.ContainerStatuses![0].LastState!.Terminated!.ExitCode.ShouldBe(137);
        pod.Status.ContainerStatuses[0].State!.Waiting!.Reason.ShouldBe("CrashLoopBackOff");
    }
}
