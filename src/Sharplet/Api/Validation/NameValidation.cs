using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sharplet.Api.Validation;

/// <summary>
/// Upstream's string format checks (k8s.io/apimachinery/pkg/util/validation and api/validate/content).
/// Each returns the reasons a value is invalid, empty when it is valid, worded as upstream words them.
/// Lengths count UTF-8 bytes, like Go's len.
/// </summary>
internal static partial class NameValidation
{
    public const int DNS1123LabelMaxLength = 63;
    public const int DNS1123SubdomainMaxLength = 253;
    public const int DNS1035LabelMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123LabelWithUnderscoreFmt = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainWithUnderscoreFmt = Dns1123LabelWithUnderscoreFmt + "(\\." + Dns1123LabelWithUnderscoreFmt + ")*";
    private const string Dns1123SubdomainWithUnderscoreErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string LabelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelKeyErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + LabelKeyFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    public static IReadOnlyList<string> IsDNS1123Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > DNS1123LabelMaxLength)
        {
            errors.Add(MaxLenError(DNS1123LabelMaxLength));
        }

        if (!Dns1123LabelRegex().IsMatch(value))
        {
            // A valid subdomain that is not a valid label (length already checked) must have dots.
            errors.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsDNS1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > DNS1123SubdomainMaxLength)
        {
            errors.Add(MaxLenError(DNS1123SubdomainMaxLength));
        }

        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errors.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        }

        return errors;
    }

    /// <summary>A DNS-1123 subdomain whose labels may also hold (and start with) '_', as DNS search paths may.</summary>
    public static IReadOnlyList<string> IsDNS1123SubdomainWithUnderscore(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > DNS1123SubdomainMaxLength)
        {
            errors.Add(MaxLenError(DNS1123SubdomainMaxLength));
        }

        if (!Dns1123SubdomainWithUnderscoreRegex().IsMatch(value))
        {
            errors.Add(RegexError(Dns1123SubdomainWithUnderscoreErrMsg, Dns1123SubdomainWithUnderscoreFmt, "example.com"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsDNS1035Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > DNS1035LabelMaxLength)
        {
            errors.Add(MaxLenError(DNS1035LabelMaxLength));
        }

        if (!Dns1035LabelRegex().IsMatch(value))
        {
            errors.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        }

        return errors;
    }

    /// <summary>IsQualifiedName (a label key): an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part " + EmptyError);
                }
                else
                {
                    errors.AddRange(IsDNS1123Subdomain(parts[0]).Select(message => "prefix part " + message));
                }

                break;
            default:
                errors.Add("a valid label key " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyError);
        }
        else if (ByteLength(name) > QualifiedNameMaxLength)
        {
            errors.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        }

        if (!LabelKeyRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength)
        {
            errors.Add(MaxLenError(LabelValueMaxLength));
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>NameIsDNSSubdomain: object names (pods, secrets, config maps, nodes); a prefix may end with '-'.</summary>
    public static IReadOnlyList<string> NameIsDNSSubdomain(string name, bool prefix) =>
        IsDNS1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>NameIsDNSLabel: namespace names.</summary>
    public static IReadOnlyList<string> NameIsDNSLabel(string name, bool prefix) =>
        IsDNS1123Label(prefix ? MaskTrailingDash(name) : name);

    public static string MaxLenError(int length) => string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    public static string InclusiveRangeError(long low, long high) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {low} and {high}, inclusive");

    public const string EmptyError = "must be non-empty";

    public static string RegexError(string message, string format, params string[] examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + format + "')";
        }

        var builder = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" or ");
            }

            builder.Append('\'').Append(examples[i]).Append("', ");
        }

        return builder.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    internal static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    // Upstream's maskTrailingDash drops the last two characters (not one) before appending 'a'.
    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;

    [GeneratedRegex(@"\A" + Dns1123LabelFmt + @"\z")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex(@"\A" + Dns1123SubdomainFmt + @"\z")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex(@"\A" + Dns1123SubdomainWithUnderscoreFmt + @"\z")]
    private static partial Regex Dns1123SubdomainWithUnderscoreRegex();

    [GeneratedRegex(@"\A" + Dns1035LabelFmt + @"\z")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex(@"\A" + LabelKeyFmt + @"\z")]
    private static partial Regex LabelKeyRegex();

    [GeneratedRegex(@"\A" + LabelValueFmt + @"\z")]
    private static partial Regex LabelValueRegex();






}
