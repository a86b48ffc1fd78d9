using System.Text.Json;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Resource;

public class QuantityJsonTests
{
    [Theory]
    [InlineData("\"500m\"", "500m")]
    [InlineData("\"128Mi\"", "128Mi")]
    [InlineData("1", "1")]
    [InlineData("0.5", "500m")]
    [InlineData("1e3", "1e3")]
    [InlineData("-1", "-1")]
    [InlineData("\" 1\"", "1")]
    [InlineData("\"1 \"", "1")]
    [InlineData("10", "10")]
    public void Read_StringOrNumber_ParsesQuantity(string json, string expected) =>
        Read(json).ToString().ShouldBe(expected);

    [Fact]
    public void Read_Null_GivesZero() => Read("null").IsZero.ShouldBeTrue();

    [Fact]
    public void Read_InvalidQuantity_ThrowsJsonExceptionWithTheText()
    {
        var ex = Should.Throw<JsonException>(() => Read("\"12 cores\""));

        ex.Message.ShouldContain("'12 cores'");
    }

    [Fact]
    public void Read_Boolean_ThrowsJsonException() => Should.Throw<JsonException>(() => Read("true"));

    [Fact]
    public void Write_AlwaysWritesString()
    {
        var resources = new Dictionary<string, Quantity>
        {
            ["cpu"] = Quantity.Parse("1.5"),
            ["memory"] = Quantity.Parse("1024Mi"),
        };

        var json = JsonSerializer.Serialize(resources, Sharplet.Api.KubeJsonContext.Default.DictionaryStringQuantity);

        json.ShouldBe("""{"cpu":"1500m","memory":"1Gi"}""");
    }

    private static Quantity Read(string json) =>
        JsonSerializer.Deserialize(json, Sharplet.Api.KubeJsonContext.Default.Quantity);
}
