using Grpc.Core;
using Sharplet.Grpc;
using Sharplet.Grpc.Health.V1;
using Sharplet.Util;
using ServingStatus = Sharplet.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Sharplet.Prober.Handlers;

// A gRPC probe (upstream probe/grpc): grpc.health.v1.Health/Check with the probe's service name over cleartext
// HTTP/2 to podIP:port, on a connection made for this probe alone. SERVING is success, anything else a failure.
// Upstream dials with WithBlock: a refused connection is retried until the timeout and then reported as a
// connect timeout, so a probe against a closed port takes its whole timeout here too, and says the same.
internal sealed class GrpcHealthHandler(TimeProvider time)
{
    // grpc-go's connection backoff (DefaultConfig): 1 s, growing 1.6 times per attempt up to 120 s. grpc-go also
    // jitters it by ±20 %; within one probe's timeout of a few seconds only the first one or two waits matter,
    // so they are kept exact, which also keeps the retries predictable on a fake clock.
    internal static readonly BackoffPolicy ConnectRetry = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), Factor: 1.6);

    public async Task<HandlerOutcome> RunAsync(string host, int port, string service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = GoNetErrors.JoinHostPort(host, port);
        var options = new GrpcChannelOptions
        {
            DefaultTimeout = timeout,

            // The call's deadline decides when connecting has taken too long, not the socket's own timeout.
            ConnectTimeout = timeout + TimeSpan.FromSeconds(1),
            MaxReceiveMessageSize = 4 * 1024 * 1024,
        };
        using var channel = new RpcChannel(GrpcEndpoint.ForTcp(host, port), options, time);
        var client = new Health.HealthClient(channel.Invoker);
        var started = time.GetTimestamp();
        var retries = new JitteredBackoff(ConnectRetry, Random.Shared);
        while (true)
        {
            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return ConnectTimeout(address, timeout);
            }

            try
            {
                var reply = await client.CheckAsync(new HealthCheckRequest { Service = service }, channel.Call(remaining, cancellationToken)).ResponseAsync
                    .ConfigureAwait(false);
                return reply.Status == ServingStatus.Serving
                    ? HandlerOutcome.Success("service healthy")
                    : HandlerOutcome.Failure($"service unhealthy (responded with {GoQuote.Quote(Name(reply.Status))})");
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !channel.HasConnected)
            {
                // Not reachable yet: wait as grpc-go's blocking dial would, then try again within the timeout.
                var retry = retries.Next();
                var wait = retry < remaining ? retry : remaining;
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
            {
                return channel.HasConnected
                    ? HandlerOutcome.Failure($"timeout: health rpc did not complete within {GoDuration.Format(timeout)}")
                    : ConnectTimeout(address, timeout);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
            {
                return HandlerOutcome.Failure($"error: this server does not implement the grpc health protocol (grpc.health.v1.Health): {ex.Status.Detail}");
            }
            catch (RpcException ex)
            {
                return HandlerOutcome.Failure($"error: health rpc probe failed: {GrpcErrorText.Of(ex)}");
            }
        }
    }

    private static HandlerOutcome ConnectTimeout(string address, TimeSpan timeout) =>
        HandlerOutcome.Failure($"timeout: failed to connect service {GoQuote.Quote(address)} within {GoDuration.Format(timeout)}: context deadline exceeded");

    // The proto names, as Go's String() prints them; an unknown value prints as its number.
    private static string Name(ServingStatus status) => status switch
    {
        ServingStatus.Unknown => "UNKNOWN",
        ServingStatus.Serving => "SERVING",
        ServingStatus.NotServing => "NOT_SERVING",
        ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
