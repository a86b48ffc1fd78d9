using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Probe (ProbeHandler inlined): exactly one handler is set.</summary>
internal sealed class Probe
{
    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; set; }

    [JsonPropertyName("httpGet")]
    public HTTPGetAction? HttpGet { get; set; }

    [JsonPropertyName("tcpSocket")]
    public TCPSocketAction? TcpSocket { get; set; }

    [JsonPropertyName("grpc")]
    public GRPCAction? Grpc { get; set; }

    [JsonPropertyName("initialDelaySeconds")]
    public int? InitialDelaySeconds { get; set; }

    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; set; }

    [JsonPropertyName("periodSeconds")]
    public int? PeriodSeconds { get; set; }

    [JsonPropertyName("successThreshold")]
    public int? SuccessThreshold { get; set; }

    [JsonPropertyName("failureThreshold")]
    public int? FailureThreshold { get; set; }

    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }
}
