using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class NameValidationTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("ab-c")]
    [InlineData("0")]
    [InlineData("123-abc")]
    [InlineData("a-1-b")]
    public void IsDNS1123Label_Valid(string value) => NameValidation.IsDNS1123Label(value).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a_b")]
    [InlineData("abc\n")]
    public void IsDNS1123Label_Invalid_UsesUpstreamsWording(string value) =>
        NameValidation.IsDNS1123Label(value).ShouldBe([
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ]);

    [Fact]
    public void IsDNS1123Label_WithDots_SaysSo() => NameValidation.IsDNS1123Label("a.b").ShouldBe(["must not contain dots"]);

    [Fact]
    public void IsDNS1123Label_TooLong_ReportsLength() =>
        NameValidation.IsDNS1123Label(new string('a', 64)).ShouldBe(["must be no more than 63 characters"]);

    [Theory]
    [InlineData("example.com")]
    [InlineData("a")]
    [InlineData("a.b-c.d")]
    [InlineData("0.0")]
    public void IsDNS1123Subdomain_Valid(string value) => NameValidation.IsDNS1123Subdomain(value).ShouldBeEmpty();

    [Theory]
    [InlineData("Bad_Name")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a..b")]
    [InlineData("")]
    public void IsDNS1123Subdomain_Invalid(string value) =>
        NameValidation.IsDNS1123Subdomain(value).ShouldBe([
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ]);

    [Fact]
    public void IsDNS1123Subdomain_TooLong_ReportsLength() =>
        NameValidation.IsDNS1123Subdomain(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))).ShouldBe(["must be no more than 253 characters"]);

    [Theory]
    [InlineData("simple")]
    [InlineData("MixedCase")]
    [InlineData("example.com/name")]
    [InlineData("a.b_c-d")]
    [InlineData("app.kubernetes.io/part-of")]
    public void IsQualifiedName_Valid(string value) => NameValidation.IsQualifiedName(value).ShouldBeEmpty();

    [Theory]
    [InlineData("/name", "prefix part must be non-empty")]
    [InlineData("Example.com/name", "prefix part a lowercase RFC 1123 subdomain")]
    [InlineData("example.com/", "name part must be non-empty")]
    [InlineData("a/b/c", "a valid label key must consist of alphanumeric characters")]
    [InlineData("-name", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    public void IsQualifiedName_Invalid(string value, string message) =>
        string.Join("|", NameValidation.IsQualifiedName(value)).ShouldContain(message);

    [Fact]
    public void IsQualifiedName_LongName_ReportsNamePartLength() =>
        NameValidation.IsQualifiedName(new string('a', 64)).ShouldBe(["name part must be no more than 63 characters"]);

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("my_value.x-y")]
    public void IsValidLabelValue_Valid(string value) => NameValidation.IsValidLabelValue(value).ShouldBeEmpty();

    [Theory]
    [InlineData("-bad")]
    [InlineData("bad-")]
    [InlineData("has space")]
    public void IsValidLabelValue_Invalid(string value) => NameValidation.IsValidLabelValue(value).ShouldNotBeEmpty();

    [Theory]
    [InlineData("http")]
    [InlineData("h2c")]
    [InlineData("web-admin")]
    [InlineData("a23456789012345")]
    public void IsValidPortName_Valid(string value) => FormatValidation.IsValidPortName(value).ShouldBeEmpty();

    [Theory]
    [InlineData("a234567890123456", "must be no more than 15 characters")]
    [InlineData("HTTP", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("8080", "must contain at least one letter (a-z)")]
    [InlineData("a--b", "must not contain consecutive hyphens")]
    [InlineData("-web", "must not begin or end with a hyphen")]
    [InlineData("web-", "must not begin or end with a hyphen")]
    public void IsValidPortName_Invalid(string value, string message) => FormatValidation.IsValidPortName(value).ShouldContain(message);

    [Theory]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(0, false)]
    [InlineData(65536, false)]
    [InlineData(-1, false)]
    public void IsValidPortNum_AcceptsOneTo65535(int port, bool valid) => (FormatValidation.IsValidPortNum(port).Count == 0).ShouldBe(valid);

    [Theory]
    [InlineData("PATH", true)]
    [InlineData("my.env-name", true)]
    [InlineData("_X", true)]
    [InlineData("1ABC", false)]
    [InlineData("A B", false)]
    [InlineData("..", false)]
    public void IsEnvVarName_StrictRule(string value, bool valid) => (FormatValidation.IsEnvVarName(value).Count == 0).ShouldBe(valid);

    [Theory]
    [InlineData("1ABC", true)]
    [InlineData("A B:c", true)]
    [InlineData("A=B", false)]
    [InlineData("tab\t", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("", false)]
    public void IsRelaxedEnvVarName_PrintableAsciiButEquals(string value, bool valid) =>
        (FormatValidation.IsRelaxedEnvVarName(value).Count == 0).ShouldBe(valid);

    [Theory]
    [InlineData("my_name", true)]
    [InlineData("_x9", true)]
    [InlineData("9x", false)]
    [InlineData("a-b", false)]
    public void IsCIdentifier(string value, bool valid) => (FormatValidation.IsCIdentifier(value).Count == 0).ShouldBe(valid);

    [Theory]
    [InlineData("key.name", true)]
    [InlineData("KEY_NAME", true)]
    [InlineData(".", false)]
    [InlineData("..a", false)]
    [InlineData("a/b", false)]
    public void IsConfigMapKey(string value, bool valid) => (FormatValidation.IsConfigMapKey(value).Count == 0).ShouldBe(valid);

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("010.000.000.001", true)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::ffff", true)]
    [InlineData("1", false)]
    [InlineData("256.0.0.1", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("example.com", false)]
    [InlineData("", false)]
    public void IsValidIP_DottedQuadOrIPv6(string value, bool valid) => FormatValidation.IsValidIP(value).ShouldBe(valid);

    [Theory]
    [InlineData("web-", true, true)]
    [InlineData("web-", false, false)]
    [InlineData("web", true, true)]
    public void NameIsDNSSubdomain_PrefixMayEndWithDash(string name, bool prefix, bool valid) =>
        (NameValidation.NameIsDNSSubdomain(name, prefix).Count == 0).ShouldBe(valid);

    [Theory]
    [InlineData("svc.cluster.local", true)]
    [InlineData("_tcp.example.com", true)]
    [InlineData("a_b.c", true)]
    [InlineData("a_.c", false)]
    [InlineData("__a", false)]
    public void IsDNS1123SubdomainWithUnderscore(string value, bool valid) =>
        (NameValidation.IsDNS1123SubdomainWithUnderscore(value).Count == 0).ShouldBe(valid);
}
