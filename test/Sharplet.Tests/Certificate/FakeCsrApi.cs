using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Sharplet.Api;
using Sharplet.Certificate;
using Sharplet.KubeClient;

namespace Sharplet.Tests.Certificate;

// An in-memory certificates.k8s.io API with a test CA in the role of the controller-manager: a posted CSR is
// approved and signed (or denied, or left pending) and the change arrives on the CSR's watch.
internal sealed class FakeCsrApi : ICsrApi
{
    private readonly ConcurrentDictionary<string, CertificateSigningRequest> csrs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<CertificateSigningRequest>> watches = new(StringComparer.Ordinal);
    private int sequence;

    public FakeCsrApi(X509Certificate2 ca) => Ca = ca;

    public enum Decision
    {
        Sign,
        Deny,
        Pending,
    }

    public X509Certificate2 Ca { get; }

    public Decision Answer { get; set; } = Decision.Sign;

    // The validity window of issued certificates, from the signing moment.
    public Func<(DateTimeOffset NotBefore, DateTimeOffset NotAfter)> Validity { get; set; } =
        () => (DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(365));

    public ConcurrentQueue<CertificateSigningRequest> Created { get; } = new();

    // Completes with each created CSR, for tests that wait for a rotation to post one.
    public Channel<CertificateSigningRequest> CreatedEvents { get; } = Channel.CreateUnbounded<CertificateSigningRequest>();

    public Task<CertificateSigningRequest> CreateAsync(CertificateSigningRequest request, CancellationToken cancellationToken)
    {
        var name = request.Metadata?.Name ?? request.Metadata!.GenerateName + Interlocked.Increment(ref sequence);
        var stored = new CertificateSigningRequest
        {
            Metadata = new ObjectMeta { Name = name, Uid = Guid.NewGuid().ToString(), ResourceVersion = "1" },
            Spec = request.Spec,
        };
        if (!csrs.TryAdd(name, stored))
        {
            throw new KubeApiException(new Status { Code = 409, Reason = StatusReason.AlreadyExists, Message = $"{name} already exists" }, "POST", "/csr");
        }

        Created.Enqueue(stored);
        CreatedEvents.Writer.TryWrite(stored);
        if (Answer != Decision.Pending)
        {
            Decide(name, Answer);
        }

        return Task.FromResult(stored);
    }

    public Task<CertificateSigningRequest> GetAsync(string name, CancellationToken cancellationToken) =>
        csrs.TryGetValue(name, out var csr)
            ? Task.FromResult(csr)
            : throw new KubeApiException(new Status { Code = 404, Reason = StatusReason.NotFound }, "GET", "/csr/" + name);

    public async IAsyncEnumerable<CertificateSigningRequest> WatchAsync(string name, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = watches.GetOrAdd(name, _ => Channel.CreateUnbounded<CertificateSigningRequest>());
        if (csrs.TryGetValue(name, out var now) && now.Metadata!.ResourceVersion != resourceVersion)
        {
            yield return now;
        }

        await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return change;
        }
    }

    // What the controller-manager does: approve (or deny) and sign with the CA.
    public void Decide(string name, Decision decision)
    {
        var csr = csrs[name];
        var signed = new CertificateSigningRequest
        {
            Metadata = new ObjectMeta { Name = name, Uid = csr.Metadata!.Uid, ResourceVersion = "2" },
            Spec = csr.Spec,
            Status = decision == Decision.Deny
                ? new CertificateSigningRequestStatus { Conditions = [new() { Type = "Denied", Status = "True", Reason = "NotMyNode", Message = "go away" }] }
                : new CertificateSigningRequestStatus { Conditions = [new() { Type = "Approved", Status = "True" }], Certificate = Encoding.UTF8.GetBytes(Sign(csr.Spec!.Request!)) },
        };
        csrs[name] = signed;
        watches.GetOrAdd(name, _ => Channel.CreateUnbounded<CertificateSigningRequest>()).Writer.TryWrite(signed);
    }

    private string Sign(byte[] requestPem)
    {
        var request = CertificateRequest.LoadSigningRequestPem(Encoding.UTF8.GetString(requestPem), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        using var caKey = Ca.GetRSAPrivateKey()!;
        var (notBefore, notAfter) = Validity();
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var cert = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
        return cert.ExportCertificatePem();
    }
}
