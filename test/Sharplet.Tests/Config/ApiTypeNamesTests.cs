using System.Text.RegularExpressions;
using Sharplet.Config;

namespace Sharplet.Tests.Config;

// ApiTypeNames.StripNamespace replaced Regex.Replace(text, @"Sharplet\.Api\.(\w+)", "$1") in the manifest decoder's
// JSON error text; the messages must stay what they were, so the regex is the oracle here.
public sealed partial class ApiTypeNamesTests
{
    [GeneratedRegex(@"Sharplet\.Api\.(\w+)")]
    private static partial Regex ApiTypeName();

    private static string Oracle(string text) => ApiTypeName().Replace(text, m => m.Groups[1].Value);

    [Theory]
    [InlineData("The JSON value could not be converted to Sharplet.Api.PodSpec.", "The JSON value could not be converted to PodSpec.")]
    [InlineData("Nullable`1[Sharplet.Api.IntOrString] and List`1[Sharplet.Api.Container]", "Nullable`1[IntOrString] and List`1[Container]")]
    [InlineData("Sharplet.Api.Core.Container", "Core.Container")]
    [InlineData("Sharplet.Api.Sharplet.Api.X", "Sharplet.Api.X")]
    [InlineData("Sharplet.Api.", "Sharplet.Api.")]
    [InlineData("Sharplet.Api..Sharplet.Api.Pod", "Sharplet.Api..Pod")]
    [InlineData("no type here", "no type here")]
    [InlineData("", "")]
    public void StripNamespace_DropsTheApiNamespaceAsTheRegexDid(string text, string expected)
    {
        ApiTypeNames.StripNamespace(text).ShouldBe(expected);
        Oracle(text).ShouldBe(expected);
    }

    [Fact]
    public void StripNamespace_CountsTheSameCharactersAsWordCharactersAsTheRegex()
    {
        var differ = new List<int>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "to Sharplet.Api." + (char)c + "x.";
            if (ApiTypeNames.StripNamespace(text) != Oracle(text))
            {
                differ.Add(c);
            }
        }

        differ.Select(c => c.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).ShouldBeEmpty();
    }
}
