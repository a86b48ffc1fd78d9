using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Sharplet.KubeClient;
using Sharplet.TestSupport;
using Sharplet.Util;

namespace Sharplet.Tests.Certificate;

public sealed class RotatingClientHandlerTests
{
    private static readonly X509Certificate2 Ca = TestPki.CreateCa();

    [Fact]
    public async Task NewCertificate_NewRequestsUseANewPool_AndTheOldPoolIsClosedAfterTheDrain()
    {
        var time = new FakeTimeProvider();
        using var key = ECDsa.Create();
        using var first = TestPki.IssueClient(Ca, "CN=system:node:a", key);
        using var second = TestPki.IssueClient(Ca, "CN=system:node:a", key);
        var source = new CertificateSource(first);
        var pools = new List<RecordingHandler>();
        using var handler = new RotatingClientHandler(source, pair =>
        {
            var pool = new RecordingHandler(pair?.Certificate);
            pools.Add(pool);
            return pool;
        }, TimeSpan.FromSeconds(60), time);
        using var client = new HttpClient(handler) { BaseAddress = new Uri("https://api.test") };

        (await client.GetAsync("/a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        source.Update(second);
        (await client.GetAsync("/b")).StatusCode.ShouldBe(HttpStatusCode.OK);

        pools.Count.ShouldBe(2);
        pools[0].Certificate.ShouldBeSameAs(first);
        pools[0].Paths.ShouldBe(["/a"]);
        pools[1].Certificate.ShouldBeSameAs(second);
        pools[1].Paths.ShouldBe(["/b"]);
        handler.Rotations.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(59));
        pools[0].Disposed.ShouldBeFalse("requests already on the old connections may finish");
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitAsync(() => pools[0].Disposed);
        pools[1].Disposed.ShouldBeFalse();
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for the old pool to be disposed");
            }

            await Task.Delay(10);
        }
    }

    private sealed class RecordingHandler(X509Certificate2? certificate) : HttpMessageHandler
    {
        public X509Certificate2? Certificate { get; } = certificate;

        public List<string> Paths { get; } = [];

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
