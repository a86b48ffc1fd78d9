using Sharplet.Api.Validation;
using Sharplet.Util;

namespace Sharplet.Tests.Api.Validation;

public class FieldErrorTests
{
    [Fact]
    public void ToString_Required_ReadsLikeUpstream() =>
        FieldError.Required("spec.containers[0].image").ToString().ShouldBe("spec.containers[0].image: Required value");

    [Fact]
    public void ToString_RequiredWithDetail_AppendsDetail() =>
        FieldError.Required("metadata.name", "name or generateName is required").ToString()
            .ShouldBe("metadata.name: Required value: name or generateName is required");

    [Fact]
    public void ToString_NotSupported_QuotesValueAndListsSupportedInGivenOrder() =>
        FieldError.NotSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"]).ToString()
            .ShouldBe("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");

    [Fact]
    public void ToString_InvalidNumber_PrintsBareValue() =>
        FieldError.Invalid("spec.containers[1].ports[0].containerPort", 70000, "must be between 1 and 65535, inclusive").ToString()
            .ShouldBe("spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");

    [Fact]
    public void ToString_InvalidString_QuotesLikeGo() =>
        FieldError.Invalid("metadata.name", "Bad_Name", "x").ToString().ShouldBe("metadata.name: Invalid value: \"Bad_Name\": x");

    [Fact]
    public void ToString_Duplicate_QuotesValueWithoutDetail() =>
        FieldError.Duplicate("spec.containers[1].name", "app").ToString().ShouldBe("spec.containers[1].name: Duplicate value: \"app\"");

    [Fact]
    public void ToString_NotFound_QuotesValue() =>
        FieldError.NotFound("spec.containers[0].volumeMounts[0].name", "data").ToString()
            .ShouldBe("spec.containers[0].volumeMounts[0].name: Not found: \"data\"");

    [Fact]
    public void ToString_Forbidden_HasNoValue() =>
        FieldError.Forbidden("spec.initContainers[0].lifecycle", "may not be set").ToString()
            .ShouldBe("spec.initContainers[0].lifecycle: Forbidden: may not be set");

    [Fact]
    public void ToString_TooLong_StatesLimitInBytes() =>
        FieldError.TooLong("metadata.annotations", 262144).ToString().ShouldBe("metadata.annotations: Too long: must have at most 262144 bytes");

    [Fact]
    public void ToString_TooMany_PrintsCount() =>
        FieldError.TooMany("spec.x", 5, 3).ToString().ShouldBe("spec.x: Too many: 5: must have at most 3 items");

    [Fact]
    public void ToString_NullValue_PrintsNull() =>
        FieldError.Invalid("spec.x", null, "bad").ToString().ShouldBe("spec.x: Invalid value: null: bad");

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("tab\tnew\nline", "\"tab\\tnew\\nline\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("nul\u0000", "\"nul\\x00\"")]
    [InlineData("caf\u00e9", "\"caf\u00e9\"")]
    [InlineData("nbsp\u00a0", "\"nbsp\\u00a0\"")]
    [InlineData("emoji\U0001F600", "\"emoji\U0001F600\"")]
    public void GoQuote_EscapesLikeStrconvQuote(string value, string quoted) => GoQuote.Quote(value).ShouldBe(quoted);

    [Fact]
    public void Equality_IsByValue() =>
        FieldError.Invalid("a", 1, "d").ShouldBe(new FieldError("a", FieldErrorType.Invalid, "1", "d") { BadValueIsLiteral = true });
}
