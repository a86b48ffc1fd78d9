using System.Text.Json;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Meta;

public class IntOrStringTests
{
    [Fact]
    public void Read_Number_IsInt()
    {
        var action = Read("""{"port":8080}""");

        action.Port.IsString.ShouldBeFalse();
        action.Port.IntValue.ShouldBe(8080);
        action.Port.ToString().ShouldBe("8080");
    }

    [Fact]
    public void Read_String_IsStringEvenWhenNumeric()
    {
        Read("""{"port":"http"}""").Port.ShouldBe(IntOrString.FromString("http"));
        Read("""{"port":"8080"}""").Port.IsString.ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"port":8080}""")]
    [InlineData("""{"port":"http"}""")]
    [InlineData("""{"port":"25%"}""")]
    public void Write_KeepsTheFormItWasReadIn(string json) =>
        KubeJson.Serialize(new Pod { Spec = new PodSpec { Containers = [new Container { LivenessProbe = new Probe { TcpSocket = Read(json) } }] } })
            .ShouldContain(json[1..^1]);

    [Fact]
    public void Read_NonIntegerNumber_Throws() => Should.Throw<JsonException>(() => Read("""{"port":1.5}"""));

    [Fact]
    public void Equality_DistinguishesIntFromString()
    {
        IntOrString number = 80;
        IntOrString text = "80";

        (number == IntOrString.FromInt32(80)).ShouldBeTrue();
        (number != text).ShouldBeTrue();
        default(IntOrString).ShouldBe(IntOrString.FromInt32(0));
    }

    private static TCPSocketAction Read(string json) =>
        KubeJson.Deserialize<Pod>($$$"""{"spec":{"containers":[{"name":"c","livenessProbe":{"tcpSocket":{{{json}}}}}]}}""", KubeJson.Strict)!
            .Spec!.Containers![0].LivenessProbe!.TcpSocket!;
}
