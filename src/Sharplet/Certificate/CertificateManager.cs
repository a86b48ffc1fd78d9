using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Util;

namespace Sharplet.Certificate;

/// <summary>
/// client-go's certificate manager for one of the kubelet's identities (client or serving): waits until the
/// rotation deadline of the current certificate (a jittered 70–90 % of its life; at once when there is none),
/// then makes a new key, posts a CSR with it and waits for the signed certificate, writes the pair to the store
/// and hands it to the <see cref="CertificateSource"/> its users read, so new connections use it without a
/// restart. A failed attempt is retried with backoff (2 s doubling to 5 min) while the old certificate still
/// serves.
/// </summary>
internal sealed partial class CertificateManager(
    CertificateManagerOptions options, CertificateFileStore store, CertificateSource source, ICsrApi api, TimeProvider time, Random random, ILogger<CertificateManager> logger)
    : BackgroundService
{
    // Task.Delay takes at most ~49 days; a year-long certificate is waited for in steps.
    private static readonly TimeSpan MaxWaitStep = TimeSpan.FromDays(1);

    private readonly JitteredBackoff backoff = new(new BackoffPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), Jitter: 0.1), random);

    /// <summary>The deadline the loop waits for now (null before the first computation); for tests and logs.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>How many certificates this manager obtained.</summary>
    public int Rotations { get; private set; }

    /// <summary>How many failed attempts have had their retry scheduled; for tests.</summary>
    public int RetriesScheduled { get; private set; }

    /// <summary>How many waits towards a deadline have had their timer created; for tests.</summary>
    public int WaitsArmed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var current = source.Current;
            var deadline = current is null ? time.GetUtcNow() : RotationDeadline.Next(current.Certificate, random);
            Deadline = deadline;
            if (current is not null)
            {
                var notAfter = PemCertificate.NotAfter(current.Certificate);
                LogDeadline(logger, options.What, notAfter, deadline);
            }

            await WaitUntilAsync(deadline, current, stoppingToken).ConfigureAwait(false);
            if (!ReferenceEquals(current, source.Current))
            {
                // Someone else replaced it meanwhile: compute the new certificate's deadline.
                continue;
            }

            try
            {
                await RotateAsync(stoppingToken).ConfigureAwait(false);
                backoff.Reset();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogFailed(logger, options.What, ex.Message, delay.TotalSeconds);
                var retry = Task.Delay(delay, time, stoppingToken);

                // Counted once the retry's timer exists: a clock advanced after seeing the count reaches the retry.
                RetriesScheduled++;
                await retry.ConfigureAwait(false);
            }
        }
    }

    /// <summary>One rotation: new key, CSR, signed certificate, store, source.</summary>
    internal async Task RotateAsync(CancellationToken cancellationToken)
    {
        using var key = CsrBuilder.NewKey();
        var certPem = await new CsrRequester(api, time, logger).RequestAsync(options.Template, key, null, options.IssueTimeout, cancellationToken).ConfigureAwait(false);
        var keyPem = CsrBuilder.KeyPem(key);
        var pair = PemCertificate.Load(certPem, keyPem);
        var path = store.Update(certPem, keyPem, time.GetUtcNow());
        source.Update(pair.Certificate, pair.Chain);
        Rotations++;
        var validUntil = PemCertificate.NotAfter(pair.Certificate);
        LogRotated(logger, options.What, path, validUntil);
    }

    private async Task WaitUntilAsync(DateTimeOffset deadline, CertificatePair? current, CancellationToken cancellationToken)
    {
        while (time.GetUtcNow() < deadline && ReferenceEquals(current, source.Current))
        {
            var wait = deadline - time.GetUtcNow();
            var step = Task.Delay(wait < MaxWaitStep ? wait : MaxWaitStep, time, cancellationToken);

            // Counted once the timer exists: the wait was computed from the clock before it, so a clock advanced
            // between the two would leave the timer a whole step behind (the test's race, not production's).
            WaitsArmed++;
            await step.ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet {What} certificate expires {NotAfter:u}, rotation deadline is {Deadline:u}")]
    private static partial void LogDeadline(ILogger logger, string what, DateTimeOffset notAfter, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated the kubelet {What} certificate: {Path}, valid until {NotAfter:u}")]
    private static partial void LogRotated(ILogger logger, string what, string path, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot rotate the kubelet {What} certificate: {Reason}; retrying in {DelaySeconds:0.#} s")]
    private static partial void LogFailed(ILogger logger, string what, string reason, double delaySeconds);
}
