using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Certificate;
using Sharplet.TestSupport;
using Sharplet.Util;

namespace Sharplet.Tests.Certificate;

public sealed class CertificateManagerTests : IDisposable
{
    private static readonly X509Certificate2 Ca = TestPki.CreateCa();
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-rotation-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCsrApi api = new(Ca);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task ClientCertificate_IsRenewedAtItsJitteredDeadline_AndSwappedInTheSource()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var start = time.GetUtcNow();
        using var initial = TestPki.IssueClient(Ca, "CN=system:node:node-a, O=system:nodes", key, start, start.AddHours(100));
        var source = new CertificateSource(initial);
        var store = new CertificateFileStore("kubelet-client", dir);
        var seed = 42;
        var expected = RotationDeadline.Next(start, start.AddHours(100), new Random(seed).NextDouble());
        using var manager = Manager(CsrTemplate.Client("node-a"), store, source, new Random(seed));

        await manager.StartAsync(CancellationToken.None);
        await WaitForAsync(() => manager.Deadline is not null, "the manager computing its deadline");
        manager.Deadline.ShouldBe(expected);
        (expected - start).TotalHours.ShouldBeInRange(70, 90);

        await WaitForAsync(() => manager.WaitsArmed == 1, "the manager waiting for its deadline");
        time.Advance(expected - start - TimeSpan.FromMinutes(1));

        // The deadline is 70-90 h away and waited for in steps of at most a day: the advance ends the first step, and
        // the loop arms a last one-minute step, which must exist before the clock moves past it.
        await WaitForAsync(() => manager.WaitsArmed == 2, "the manager waiting the deadline's last minute");
        api.Created.ShouldBeEmpty("one minute before the deadline nothing is requested");

        time.Advance(TimeSpan.FromMinutes(2));
        var csr = await api.CreatedEvents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        csr.Spec!.SignerName.ShouldBe("kubernetes.io/kube-apiserver-client-kubelet");
        csr.Metadata!.Name.ShouldStartWith("csr-");
        await WaitForAsync(() => manager.Rotations == 1, "the rotated certificate reaching the source");

        var rotated = source.Current.ShouldNotBeNull().Certificate;
        rotated.Thumbprint.ShouldNotBe(initial.Thumbprint);
        rotated.HasPrivateKey.ShouldBeTrue();
        rotated.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().ShouldNotBe(key.ExportSubjectPublicKeyInfo(), "every rotation makes a new key");
        File.ReadAllText(store.CurrentPath).ShouldContain(rotated.ExportCertificatePem().Trim());
        await manager.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ServingCertificate_WithNoneYet_IsRequestedAtOnce_ForTheNodesNamesAndIps()
    {
        var source = new CertificateSource();
        var template = CsrTemplate.Serving("node-a", ["node-a"], [System.Net.IPAddress.Parse("10.0.0.7")]);
        using var manager = Manager(template, new CertificateFileStore("kubelet-server", dir), source, new Random(1));

        await manager.StartAsync(CancellationToken.None);
        var csr = await api.CreatedEvents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForAsync(() => source.Current is not null, "the serving certificate");

        csr.Spec!.SignerName.ShouldBe("kubernetes.io/kubelet-serving");
        csr.Spec.Usages.ShouldBe(["digital signature", "key encipherment", "server auth"]);
        var san = source.Current!.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        san.EnumerateDnsNames().ShouldBe(["node-a"]);
        san.EnumerateIPAddresses().Select(ip => ip.ToString()).ShouldBe(["10.0.0.7"]);
        File.Exists(Path.Combine(dir, "kubelet-server-current.pem")).ShouldBeTrue();
        await manager.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DeniedRotation_KeepsTheOldCertificate_AndRetriesWithBackoff()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var start = time.GetUtcNow();
        using var initial = TestPki.IssueClient(Ca, "CN=system:node:node-a, O=system:nodes", key, start.AddHours(-95), start.AddHours(5));
        var source = new CertificateSource(initial);
        api.Answer = FakeCsrApi.Decision.Deny;
        using var manager = Manager(CsrTemplate.Client("node-a"), new CertificateFileStore("kubelet-client", dir), source, new Random(3));

        await manager.StartAsync(CancellationToken.None);
        await api.CreatedEvents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        source.Current!.Certificate.Thumbprint.ShouldBe(initial.Thumbprint);

        // The first retry comes after about 2 s (10 % jitter), not at once.
        // Awaited until the retry's timer exists: advancing the fake clock before it does would skip past it.
        await WaitForAsync(() => manager.RetriesScheduled == 1, "the manager backing off");
        time.GetUtcNow().ShouldBe(start);
        api.CreatedEvents.Reader.Count.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(1.5));
        api.CreatedEvents.Reader.TryRead(out _).ShouldBeFalse();
        api.Answer = FakeCsrApi.Decision.Sign;
        time.Advance(TimeSpan.FromSeconds(1));
        await api.CreatedEvents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForAsync(() => manager.Rotations == 1, "the retried rotation");
        source.Current!.Certificate.Thumbprint.ShouldNotBe(initial.Thumbprint);
        await manager.StopAsync(CancellationToken.None);
    }

    private CertificateManager Manager(CsrTemplate template, CertificateFileStore store, CertificateSource source, Random random) =>
        new(new CertificateManagerOptions(template.SignerName, template), store, source, api, time, random, NullLogger<CertificateManager>.Instance);

    // The loop runs on the thread pool; a phase is awaited by polling its visible effect, with a deadline naming it.
    private static async Task WaitForAsync(Func<bool> condition, string phase)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {phase}");
            }

            await Task.Delay(10);
        }
    }
}
