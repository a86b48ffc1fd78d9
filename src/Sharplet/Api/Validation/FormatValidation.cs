using System.Globalization;
using System.Text.RegularExpressions;

namespace Sharplet.Api.Validation;

/// <summary>
/// Upstream's checks of values that are not object names (k8s.io/apimachinery/pkg/util/validation):
/// env var names, config keys, header names, ports, user and group IDs and IP addresses.
/// </summary>
internal static partial class FormatValidation
{
    public const int PortNameMaxLength = 15;

    private const string CIdentifierFmt = "[A-Za-z_][A-Za-z0-9_]*";
    private const string CIdentifierErrMsg = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
    private const string EnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string EnvVarNameFmtErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
    private const string RelaxedEnvVarNameFmtErrMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='";
    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private const string HttpHeaderNameFmt = "[-A-Za-z0-9]+";
    private const string HttpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";

    public static IReadOnlyList<string> IsCIdentifier(string value) =>
        CIdentifierRegex().IsMatch(value) ? [] : [NameValidation.RegexError(CIdentifierErrMsg, CIdentifierFmt, "my_name", "MY_NAME", "MyName")];

    /// <summary>The strict environment variable name rule (before RelaxedEnvironmentVariableValidation).</summary>
    public static IReadOnlyList<string> IsEnvVarName(string value)
    {
        var errors = new List<string>();
        if (!EnvVarNameRegex().IsMatch(value))
        {
            errors.Add(NameValidation.RegexError(EnvVarNameFmtErrMsg, EnvVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }

        errors.AddRange(HasChDirPrefix(value));
        return errors;
    }

    /// <summary>The relaxed rule upstream applies to new pods: any printable ASCII but '='.</summary>
    public static IReadOnlyList<string> IsRelaxedEnvVarName(string value)
    {
        var errors = new List<string>();
        if (value.Length == 0)
        {
            errors.Add("environment variable name " + NameValidation.EmptyError);
        }

        foreach (var character in value)
        {
            if (character > 0x7E || character < 0x20 || character == '=')
            {
                errors.Add(RelaxedEnvVarNameFmtErrMsg);
                break;
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (NameValidation.ByteLength(value) > NameValidation.DNS1123SubdomainMaxLength)
        {
            errors.Add(NameValidation.MaxLenError(NameValidation.DNS1123SubdomainMaxLength));
        }

        if (!ConfigMapKeyRegex().IsMatch(value))
        {
            errors.Add(NameValidation.RegexError(ConfigMapKeyErrMsg, ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        }

        errors.AddRange(HasChDirPrefix(value));
        return errors;
    }

    public static IReadOnlyList<string> IsHTTPHeaderName(string value) =>
        HttpHeaderNameRegex().IsMatch(value) ? [] : [NameValidation.RegexError(HttpHeaderNameErrMsg, HttpHeaderNameFmt, "X-Header-Name")];

    public static IReadOnlyList<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : [NameValidation.InclusiveRangeError(1, 65535)];

    /// <summary>An IANA_SVC_NAME: at most 15 of [-a-z0-9], at least one letter, no leading, trailing or double hyphen.</summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errors = new List<string>();
        if (NameValidation.ByteLength(port) > PortNameMaxLength)
        {
            errors.Add(NameValidation.MaxLenError(PortNameMaxLength));
        }

        if (!PortNameCharsetRegex().IsMatch(port))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!port.Any(character => character is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    public static IReadOnlyList<string> IsValidUserID(long id) => id is >= 0 and <= uint.MaxValue ? [] : [NameValidation.InclusiveRangeError(0, uint.MaxValue)];

    public static IReadOnlyList<string> IsValidGroupID(long id) => IsValidUserID(id);

    /// <summary>Whether the text is an IP address as Go's (sloppy) parser reads one: dotted-quad IPv4 or IPv6 without a zone.</summary>
    public static bool IsValidIP(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return !value.Contains('%', StringComparison.Ordinal) && Ipv6CharsRegex().IsMatch(value) &&
                System.Net.IPAddress.TryParse(value, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(part => part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit) &&
            int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }

    private static IEnumerable<string> HasChDirPrefix(string value)
    {
        if (value == ".")
        {
            yield return "must not be '.'";
        }
        else if (value == "..")
        {
            yield return "must not be '..'";
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            yield return "must not start with '..'";
        }
    }

    [GeneratedRegex(@"\A" + CIdentifierFmt + @"\z")]
    private static partial Regex CIdentifierRegex();

    [GeneratedRegex(@"\A" + EnvVarNameFmt + @"\z")]
    private static partial Regex EnvVarNameRegex();

    [GeneratedRegex(@"\A" + ConfigMapKeyFmt + @"\z")]
    private static partial Regex ConfigMapKeyRegex();

    [GeneratedRegex(@"\A" + HttpHeaderNameFmt + @"\z")]
    private static partial Regex HttpHeaderNameRegex();

    [GeneratedRegex(@"\A[-a-z0-9]+\z")]
    private static partial Regex PortNameCharsetRegex();

    [GeneratedRegex(@"\A[0-9A-Fa-f:.]+\z")]
    private static partial Regex Ipv6CharsRegex();
}
