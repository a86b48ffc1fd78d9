using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Nodes;

// Kubeconfig files for a node identity (CN=system:node:NAME, O=system:nodes) on the test API server, written
// next to the test's node so they go away with it. The certificate is signed by the server's CA with the
// validity window asked for; the trusted CA can be swapped for another one to test trust failures.
internal static class NodeKubeconfig
{
    public static string Write(
        string directory,
        string identity,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        X509Certificate2? trustedCa = null,
        Uri? server = null)
    {
        using var ca = TestPki.LoadCa(TestApiServer.CaPath, TestApiServer.CaKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = TestPki.IssueClient(ca, $"CN=system:node:{identity}, O=system:nodes", key, notBefore, notAfter);
        var caPem = trustedCa is null ? File.ReadAllText(TestApiServer.CaPath) : TestPki.CertPem(trustedCa);
        var user = $"system:node:{identity}";
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sharplet-test
              cluster:
                server: {server ?? TestApiServer.Server}
                certificate-authority-data: {Base64(caPem)}
            users:
            - name: {user}
              user:
                client-certificate-data: {Base64(TestPki.CertPem(certificate))}
                client-key-data: {Base64(TestPki.KeyPem(key))}
            contexts:
            - name: {user}@sharplet-test
              context:
                cluster: sharplet-test
                user: {user}
            current-context: {user}@sharplet-test
            """;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{identity}.kubeconfig");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
