using System.Text.Json;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

public class KubeTimeConverterTests
{
    [Fact]
    public void Time_Write_IsUtcWithWholeSeconds()
    {
        var condition = new PodCondition
        {
            Type = PodConditionType.Ready,
            Status = ConditionStatus.True,
            LastTransitionTime = new DateTimeOffset(2024, 1, 2, 5, 4, 5, 987, TimeSpan.FromHours(2)),
        };

        var json = KubeJson.Serialize(new Pod { Status = new PodStatus { Conditions = [condition] } });

        json.ShouldContain("\"lastTransitionTime\":\"2024-01-02T03:04:05Z\"");
    }

    [Fact]
    public void MicroTime_Write_HasSixFractionalDigitsInUtc()
    {
        var lease = new Lease
        {
            Spec = new LeaseSpec { RenewTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567) },
        };

        KubeJson.Serialize(lease).ShouldContain("\"renewTime\":\"2024-01-02T03:04:05.123456Z\"");
    }

    [Fact]
    public void MicroTime_WholeSecond_StillWritesSixZeros()
    {
        var lease = new Lease { Spec = new LeaseSpec { AcquireTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) } };

        KubeJson.Serialize(lease).ShouldContain("\"acquireTime\":\"2024-01-02T03:04:05.000000Z\"");
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", 0)]
    [InlineData("2024-01-02T05:04:05+02:00", 0)]
    [InlineData("2024-01-01T22:04:05-05:00", 0)]
    [InlineData("2024-01-02T03:04:05.5Z", 5_000_000)]
    [InlineData("2024-01-02T03:04:05.123456Z", 1_234_560)]
    [InlineData("2024-01-02T03:04:05.123456789Z", 1_234_567)]
    [InlineData("2024-01-02t03:04:05z", 0)]
    public void Read_AnyRfc3339Form_GivesUtcInstant(string text, long extraTicks)
    {
        var pod = KubeJson.Deserialize<Pod>($$$"""{"status":{"startTime":"{{{text}}}"}}""", KubeJson.Strict)!;

        pod.Status!.StartTime.ShouldBe(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(extraTicks));
        pod.Status.StartTime!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Read_Null_GivesNull() =>
        KubeJson.Deserialize<Pod>("""{"status":{"startTime":null}}""", KubeJson.Lenient)!.Status!.StartTime.ShouldBeNull();

    [Theory]
    [InlineData("\"2024-01-02\"")]
    [InlineData("\"02/01/2024 03:04:05\"")]
    [InlineData("\"\"")]
    [InlineData("1704164645")]
    public void Read_NotRfc3339_ThrowsJsonExceptionWithPath(string value)
    {
        var ex = Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>($$$"""{"status":{"startTime":{{{value}}}}}""", KubeJson.Lenient));

        ex.Path.ShouldBe("$.status.startTime");
    }

    [Fact]
    public void MicroTime_RoundTrip_KeepsMicroseconds()
    {
        const string json = """{"spec":{"renewTime":"2024-05-06T07:08:09.654321Z"}}""";

        var lease = KubeJson.Deserialize<Lease>(json, KubeJson.Strict)!;

        KubeJson.Serialize(lease).ShouldBe(json);
    }
}
