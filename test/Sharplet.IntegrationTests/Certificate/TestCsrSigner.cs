using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sharplet.Api;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Certificate;

// Follows the CSRs one requester posts to the real API server. The controller-manager's csrapproving approves
// node client CSRs and csrsigning signs approved ones with the cluster CA; what it leaves (kubelet-serving CSRs
// are never auto-approved, as upstream) the test approves with the admin kubeconfig (PUT .../approval), and an
// approved CSR nobody signs within 3 s (an API server without a controller-manager) is signed here with the
// test CA (PUT .../status), as an external signer would.
internal sealed class TestCsrSigner : IAsyncDisposable
{
    private readonly KubeApiClient admin;
    private readonly string username;
    private readonly TimeSpan lifetime;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public TestCsrSigner(KubeApiClient admin, string username, TimeSpan lifetime)
    {
        this.admin = admin;
        this.username = username;
        this.lifetime = lifetime;
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    // Every CSR of the requester, as first seen.
    public System.Collections.Concurrent.ConcurrentQueue<CertificateSigningRequest> Signed { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var csr in Signed)
        {
            try
            {
                await admin.DeleteAsync(KubeResources.CertificateSigningRequests, null, csr.Metadata!.Name!, null, CancellationToken.None);
            }
            catch (KubeApiException)
            {
            }
        }

        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var approvedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var list = await admin.ListAsync(KubeLists.CertificateSigningRequests, null, null, cancellationToken);
            foreach (var csr in list.Items ?? [])
            {
                if (csr.Spec?.Username != username)
                {
                    continue;
                }

                var name = csr.Metadata!.Name!;
                if (!Signed.Any(c => c.Metadata!.Name == name))
                {
                    Signed.Enqueue(csr);
                }

                try
                {
                    if ((csr.Status?.Conditions ?? []).Count == 0)
                    {
                        await ApproveAsync(csr, cancellationToken);
                        approvedAt[name] = DateTimeOffset.UtcNow;
                    }
                    else if (csr.Status?.Certificate is null && approvedAt.TryGetValue(name, out var at) && DateTimeOffset.UtcNow - at > TimeSpan.FromSeconds(3))
                    {
                        // No controller-manager signed it: sign it as csrsigning would.
                        csr.Status!.Certificate = Encoding.UTF8.GetBytes(Sign(csr.Spec!));
                        await admin.UpdateStatusAsync(KubeResources.CertificateSigningRequests, null, csr, cancellationToken);
                    }
                }
                catch (KubeApiException ex) when (ex.IsConflict || ex.Code == 422)
                {
                    // The controller-manager got there first (approved or signed it meanwhile).
                }
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task ApproveAsync(CertificateSigningRequest csr, CancellationToken cancellationToken)
    {
        csr.Status = new CertificateSigningRequestStatus
        {
            Conditions = [new CertificateSigningRequestCondition { Type = "Approved", Status = "True", Reason = "SharpletTest", Message = "approved by the integration test" }],
        };
        var path = KubeResources.CertificateSigningRequests.ObjectPath(null, csr.Metadata!.Name!, "approval");
        using (await admin.SendAsync(new KubeRequest(HttpMethod.Put, path, Body: KubeJson.SerializeToUtf8Bytes(csr)), cancellationToken))
        {
        }
    }

    private string Sign(CertificateSigningRequestSpec spec)
    {
        var request = CertificateRequest.LoadSigningRequestPem(Encoding.UTF8.GetString(spec.Request!), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        var usage = spec.Usages!.Contains("server auth") ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var ca = TestPki.LoadCa(TestApiServer.CaPath, TestApiServer.CaKeyPath);
        using var caKey = ca.GetRSAPrivateKey()!;
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var cert = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), now.AddMinutes(-1), now + lifetime, serial);
        return cert.ExportCertificatePem();
    }
}
