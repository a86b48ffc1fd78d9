using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 LifecycleHandler: exactly one action is set.</summary>
internal sealed class LifecycleHandler
{
    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; set; }

    [JsonPropertyName("httpGet")]
    public HTTPGetAction? HttpGet { get; set; }

    [JsonPropertyName("tcpSocket")]
    public TCPSocketAction? TcpSocket { get; set; }

    [JsonPropertyName("sleep")]
    public SleepAction? Sleep { get; set; }
}
