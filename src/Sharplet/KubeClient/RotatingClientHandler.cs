using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>
/// The handler of a <see cref="KubeApiClient"/> whose client certificate rotates. A TLS connection presents the
/// certificate it was opened with for its whole life, so each certificate gets its own connection pool (a
/// SocketsHttpHandler): requests go to the pool of the current certificate, and the pool of a replaced one keeps
/// the requests already on it for a drain period and is then disposed, closing its connections (a watch still on
/// one ends, and its informer re-watches on the new pool). Upstream's kubelet likewise closes the connections of
/// the old certificate after a rotation, so the API server never sees it again.
/// </summary>
internal sealed class RotatingClientHandler : HttpMessageHandler
{
    private readonly CertificateSource source;
    private readonly Func<CertificatePair?, HttpMessageHandler> create;
    private readonly TimeSpan drain;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private Pool pool;
    private bool disposed;

    public RotatingClientHandler(CertificateSource source, Func<CertificatePair?, HttpMessageHandler> create, TimeSpan drain, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(time);
        this.source = source;
        this.create = create;
        this.drain = drain;
        this.time = time;
        var current = source.Current;
        pool = new Pool(current, new HttpMessageInvoker(create(current), disposeHandler: true));

        // Swapped on the change itself too, so the old pool's drain starts even if no request follows soon.
        source.Changed += OnChanged;
    }

    /// <summary>How many pools were replaced (each one disposed after its drain period).</summary>
    public int Rotations { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        CurrentPool().Invoker.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        CurrentPool().Invoker.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Changed -= OnChanged;
            lock (gate)
            {
                disposed = true;
                pool.Invoker.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void OnChanged(CertificatePair pair) => Swap(pair);

    private Pool CurrentPool()
    {
        var current = Volatile.Read(ref pool);
        var wanted = source.Current;
        return ReferenceEquals(current.Pair, wanted) ? current : Swap(wanted);
    }

    private Pool Swap(CertificatePair? wanted)
    {
        Pool old;
        Pool next;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (ReferenceEquals(pool.Pair, wanted))
            {
                return pool;
            }

            old = pool;
            next = new Pool(wanted, new HttpMessageInvoker(create(wanted), disposeHandler: true));
            Volatile.Write(ref pool, next);
            Rotations++;
        }

        _ = RetireAsync(old.Invoker);
        return next;
    }

    private async Task RetireAsync(HttpMessageInvoker old)
    {
        try
        {
            await Task.Delay(drain, time).ConfigureAwait(false);
        }
        finally
        {
            old.Dispose();
        }
    }

    private sealed record Pool(CertificatePair? Pair, HttpMessageInvoker Invoker);
}
