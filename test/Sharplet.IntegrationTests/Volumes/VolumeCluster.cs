using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Volumes;

// What the volume tests ask of a connected node: run a command in a pod's container and read its output,
// wait for an event of a pod, and the objects a cluster's control plane makes (the namespace's kube-root-ca.crt
// and default ServiceAccount), created here when the controller-manager has not made them yet.
internal static class VolumeCluster
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task CreateClusterObjectsAsync(ConnectedCluster cluster) => CreateClusterObjectsAsync(cluster.Admin, cluster.Namespace);

    public static async Task CreateClusterObjectsAsync(KubeApiClient admin, string ns)
    {
        // A controller-manager's root-CA publisher may already have made it (409 then).
        try
        {
            await admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap
            {
                Metadata = new ObjectMeta { Name = "kube-root-ca.crt" },
                Data = new() { ["ca.crt"] = await File.ReadAllTextAsync(TestApiServer.CaPath) },
            }, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsAlreadyExists)
        {
        }

        // The "default" ServiceAccount the service account controller would create (409 when it already did).
        var account = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = new JsonObject { ["name"] = "default" } };
        try
        {
            using var response = await admin.SendAsync(
                new KubeRequest(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts", Body: Encoding.UTF8.GetBytes(account.ToJsonString()), ContentType: "application/json"),
                CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsAlreadyExists)
        {
        }
    }

    // The volume the ServiceAccount admission plugin of a v1.22+ cluster adds to every pod.
    public static Volume KubeApiAccess(string name = "kube-api-access-test", long expirationSeconds = 3607) => new()
    {
        Name = name,
        Projected = new ProjectedVolumeSource
        {
            DefaultMode = 420,
            Sources =
            [
                new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { ExpirationSeconds = expirationSeconds, Path = "token" } },
                new VolumeProjection { ConfigMap = new ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                new VolumeProjection
                {
                    DownwardAPI = new DownwardAPIProjection
                    {
                        Items = [new DownwardAPIVolumeFile { Path = "namespace", FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.namespace" } }],
                    },
                },
            ],
        },
    };

    public static async Task<Pod> WaitRunningAsync(ConnectedCluster cluster, string name)
    {
        try
        {
            var (_, pod) = await cluster.Watch.WaitForAsync(cluster.Namespace, name, "container running", p => ConnectedCluster.Container(p)?.State?.Running is not null, Timeout);
            return pod!;
        }
        catch (TimeoutException ex)
        {
            var events = await ListEventsAsync(cluster);
            throw new TimeoutException(ex.Message + "; events: " + string.Join("; ", events.Where(e => e.InvolvedObject?.Name == name).Select(e => $"{e.Reason}: {e.Message}")), ex);
        }
    }

    // sh -c in the pod's container "c"; the standard output, or a failure naming the pod and command.
    public static Task<string> ShAsync(ConnectedCluster cluster, Pod pod, string script) => ShAsync(cluster.Node.Runtime, pod, script);

    public static async Task<string> ShAsync(Sharplet.Cri.IRuntimeService runtime, Pod pod, string script)
    {
        var id = ConnectedCluster.Container(pod)!.ContainerID!;
        var reply = await runtime.ExecSyncAsync(id[(id.IndexOf("://", StringComparison.Ordinal) + 3)..], ["sh", "-c", script], TimeSpan.FromSeconds(10), CancellationToken.None);
        return reply.ExitCode == 0
            ? reply.Stdout.ToStringUtf8()
            : throw new InvalidOperationException($"pod {pod.Metadata!.Namespace}/{pod.Metadata.Name}: `{script}` exited {reply.ExitCode}: {reply.Stderr.ToStringUtf8()}");
    }

    // Polls (events have no watch helper here, and a pod waiting on a mount changes no status to wake on).
    public static async Task<Event> WaitForEventAsync(ConnectedCluster cluster, string pod, string reason, string fragment)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        IReadOnlyList<Event> events = [];
        while (DateTimeOffset.UtcNow < deadline)
        {
            events = await ListEventsAsync(cluster);
            var hit = events.FirstOrDefault(e => e.InvolvedObject?.Name == pod && e.Reason == reason && (e.Message ?? string.Empty).Contains(fragment, StringComparison.Ordinal));
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no {reason} event for pod {cluster.Namespace}/{pod} containing \"{fragment}\" within {Timeout.TotalSeconds}s; events: " +
            string.Join("; ", events.Select(e => $"{e.InvolvedObject?.Name} {e.Reason}: {e.Message}")));
    }

    public static async Task<IReadOnlyList<Event>> ListEventsAsync(ConnectedCluster cluster)
    {
        using var response = await cluster.Admin.SendAsync(new KubeRequest(HttpMethod.Get, $"/api/v1/namespaces/{cluster.Namespace}/events"), CancellationToken.None);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => KubeJson.Deserialize<Event>(i.GetRawText(), KubeJson.Lenient)!).ToList();
    }

    // A TokenReview as the admin: who the API server says the token is, or null when it is not authenticated.
    public static Task<string?> ReviewAsync(ConnectedCluster cluster, string token) => ReviewAsync(cluster.Admin, token);

    public static async Task<string?> ReviewAsync(KubeApiClient admin, string token)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenReview",
            ["spec"] = new JsonObject { ["token"] = token },
        };
        using var response = await admin.SendAsync(
            new KubeRequest(HttpMethod.Post, "/apis/authentication.k8s.io/v1/tokenreviews", Body: Encoding.UTF8.GetBytes(body.ToJsonString()), ContentType: "application/json"),
            CancellationToken.None);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"];
        return status?["authenticated"]?.GetValue<bool>() == true ? status["user"]?["username"]?.GetValue<string>() : null;
    }
}
