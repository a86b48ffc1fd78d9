using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Server;

// The kubelet port spoken to directly, as an attacker on the network would: every path refuses a client
// without credentials, with a certificate of another CA or an expired one, or with a token the API rejects
// (401), and a real identity RBAC does not allow (403), with upstream's bodies and nothing executed. A user
// RBAC allows for nodes/stats only gets exactly that.
[Collection(KubeletServerCollection.Name)]
public sealed class KubeletServerAuthTests(KubeletServerCluster cluster)
{
    private const string Ns = KubeletServerCluster.Namespace;

    public static TheoryData<string, string, string> Paths => new()
    {
        { "GET", "/healthz", "healthz" },
        { "GET", "/pods", "pods" },
        { "GET", "/runningpods/", "pods" },
        { "GET", "/configz", "configz" },
        { "GET", "/spec/", "spec" },
        { "GET", "/stats/summary", "stats" },
        { "GET", "/metrics", "metrics" },
        { "GET", "/metrics/probes", "metrics" },
        { "GET", "/metrics/resource", "metrics" },
        { "GET", $"/containerLogs/{Ns}/talker/main", "proxy" },
        { "POST", $"/run/{Ns}/talker/main?cmd=touch%20/tmp/pwned", "proxy" },
        { "POST", $"/exec/{Ns}/talker/main?command=touch&command=/tmp/pwned&output=1", "proxy" },
        { "POST", $"/attach/{Ns}/talker/main?output=1", "proxy" },
        { "POST", $"/portForward/{Ns}/talker", "proxy" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task NoCredentials_Is401_OnEveryPath(string method, string path, string subresource)
    {
        _ = subresource;
        await ExpectAsync(null, null, method, path, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task CertificateOfAnotherCa_Is401_OnEveryPath(string method, string path, string subresource)
    {
        _ = subresource;
        using var otherCa = TestPki.CreateCa("intruder-ca");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.IssueClient(otherCa, "CN=admin, O=system:masters", key);
        await ExpectAsync(cert, null, method, path, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task ExpiredCertificateOfTheRightCa_Is401()
    {
        using var ca = TestPki.LoadCa(cluster.Api.CaFile, cluster.Api.CaKeyFile);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.IssueClient(ca, "CN=admin, O=system:masters", key, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        await ExpectAsync(cert, null, "GET", "/pods", HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task TokenTheApiRejects_Is401()
    {
        await ExpectAsync(null, "not-a-real-token", "GET", "/pods", HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task IdentityWithoutRbac_Is403_WithUpstreamsBody_AndNothingRuns(string method, string path, string subresource)
    {
        var token = (await cluster.Kubectl.OkAsync("-n", Ns, "create", "token", "default")).Trim();
        var verb = method == "POST" ? "create" : "get";

        // The fine-grained subresources are asked first and "proxy" last; the body names the last one asked.
        var named = subresource is "stats" or "metrics" ? subresource : "proxy";
        await ExpectAsync(null, token, method, path, HttpStatusCode.Forbidden,
            $"Forbidden (user=system:serviceaccount:{Ns}:default, verb={verb}, resource=nodes, subresource={named})");

        var (code, _, _) = await cluster.Kubectl.RunAsync("-n", Ns, "exec", "talker", "-c", "main", "--", "ls", "/tmp/pwned");
        code.ShouldNotBe(0, "a refused request must not have run its command");
    }

    [Fact]
    public async Task IdentityAllowedNodesStats_GetsStats_AndNothingElse()
    {
        await cluster.Kubectl.RunAsync("-n", Ns, "create", "serviceaccount", "stats-reader");
        await cluster.Kubectl.RunAsync("create", "clusterrole", "ksrv-stats-reader", "--verb=get", "--resource=nodes/stats");
        await cluster.Kubectl.RunAsync("create", "clusterrolebinding", "ksrv-stats-reader", "--clusterrole=ksrv-stats-reader", $"--serviceaccount={Ns}:stats-reader");
        var token = (await cluster.Kubectl.OkAsync("-n", Ns, "create", "token", "stats-reader")).Trim();
        await ExpectAsync(null, token, "GET", "/stats/summary", HttpStatusCode.OK, null);
        await ExpectAsync(null, token, "GET", "/pods", HttpStatusCode.Forbidden,
            $"Forbidden (user=system:serviceaccount:{Ns}:stats-reader, verb=get, resource=nodes, subresource=proxy)");
    }

    [Fact]
    public async Task TheApiServersKubeletClientCertificate_IsAllowed_AndUnknownPodsAre404()
    {
        using var ca = TestPki.LoadCa(cluster.Api.CaFile, cluster.Api.CaKeyFile);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.IssueClient(ca, "CN=kube-apiserver-kubelet-client, O=system:masters", key);
        await ExpectAsync(cert, null, "GET", "/healthz", HttpStatusCode.OK, "ok");
        await ExpectAsync(cert, null, "GET", $"/containerLogs/{Ns}/nope/main", HttpStatusCode.NotFound, $"pod \"nope\" does not exist in namespace \"{Ns}\"\n");
        await ExpectAsync(cert, null, "GET", $"/containerLogs/{Ns}/talker/nope", HttpStatusCode.NotFound, "container \"nope\" not found in pod \"talker\"\n");
        await ExpectAsync(cert, null, "GET", $"/containerLogs/other-ns/talker/main", HttpStatusCode.NotFound, "pod \"talker\" does not exist in namespace \"other-ns\"\n");
        await ExpectAsync(cert, null, "GET", $"/containerLogs/{Ns}/talker/main?tailLines=-1", (HttpStatusCode)422, "{\"message\": \"Invalid request.\"}");
        await ExpectAsync(cert, null, "POST", $"/run/{Ns}/talker/main?cmd=echo%20ran", HttpStatusCode.OK, "ran\n");

        using var configz = System.Text.Json.JsonDocument.Parse(await ExpectAsync(cert, null, "GET", "/configz", HttpStatusCode.OK, null));
        var config = configz.RootElement.GetProperty("kubeletconfig");
        config.GetProperty("authorization").GetProperty("mode").GetString().ShouldBe("Webhook");
        config.GetProperty("authentication").GetProperty("anonymous").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        config.GetProperty("port").GetInt32().ShouldBe(cluster.Port);

        using var spec = System.Text.Json.JsonDocument.Parse(await ExpectAsync(cert, null, "GET", "/spec/", HttpStatusCode.OK, null));
        spec.RootElement.GetProperty("num_cores").GetInt32().ShouldBe(Environment.ProcessorCount);
        spec.RootElement.GetProperty("memory_capacity").GetInt64().ShouldBeGreaterThan(0);

        using var running = System.Text.Json.JsonDocument.Parse(await ExpectAsync(cert, null, "GET", "/runningpods/", HttpStatusCode.OK, null));
        var talker = running.RootElement.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("metadata").GetProperty("name").GetString() == "talker");
        talker.GetProperty("spec").GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order().ShouldBe(["main", "web"]);

        using var pods = System.Text.Json.JsonDocument.Parse(await ExpectAsync(cert, null, "GET", "/pods", HttpStatusCode.OK, null));
        pods.RootElement.GetProperty("kind").GetString().ShouldBe("PodList");
        pods.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("metadata").GetProperty("name").GetString()).ShouldContain("talker");
    }

    [Fact]
    public void WithoutTlsFiles_TheSelfSignedServingPairIsInTheCertDir()
    {
        var pki = Path.Combine(cluster.Node.Settings.RootDir, "pki");
        using var cert = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "kubelet.crt"), Path.Combine(pki, "kubelet.key"));
        cert.Subject.ShouldStartWith($"CN={cluster.NodeName}@");
        File.GetUnixFileMode(Path.Combine(pki, "kubelet.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/pods", HttpStatusCode.OK)]
    [InlineData("/stats/summary", HttpStatusCode.OK)]
    [InlineData("/metrics", HttpStatusCode.OK)]
    [InlineData("/configz", HttpStatusCode.NotFound)]
    [InlineData($"/containerLogs/{Ns}/talker/main", HttpStatusCode.NotFound)]
    [InlineData($"/exec/{Ns}/talker/main?command=ls&output=1", HttpStatusCode.NotFound)]
    public async Task ReadOnlyPort_ServesOnlyTheReadOnlyPaths_WithoutCredentials(string path, HttpStatusCode status)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{cluster.ReadOnlyPort}{path}"));
        response.StatusCode.ShouldBe(status, path);
    }

    private async Task<string> ExpectAsync(X509Certificate2? clientCert, string? token, string method, string path, HttpStatusCode status, string? body)
    {
        using var handler = new HttpClientHandler
        {
            // The node's serving certificate is its own self-signed one (no --tls-cert-file in the test).
            ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
        };
        if (clientCert is not null)
        {
            handler.ClientCertificates.Add(clientCert);
        }

        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"https://127.0.0.1:{cluster.Port}{path}"));
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"{method} {path}: {text}");
        if (body is not null)
        {
            text.ShouldBe(body, $"{method} {path}");
        }

        return text;
    }
}
