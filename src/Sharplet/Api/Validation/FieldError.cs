using Sharplet.Util;

namespace Sharplet.Api.Validation;

/// <summary>
/// One validation failure, like upstream's field.Error. <see cref="ToString"/> reads as upstream's
/// Error(): <c>spec.containers[0].image: Required value</c>,
/// <c>metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must …</c>.
/// </summary>
/// <param name="Field">The path of the field: <c>spec.containers[1].ports[0].containerPort</c>.</param>
/// <param name="Type">What is wrong with it.</param>
/// <param name="BadValue">The offending value as text, or null when there is none (or it was null).</param>
/// <param name="Detail">The explanation; may be empty.</param>
internal sealed record FieldError(string Field, FieldErrorType Type, string? BadValue, string Detail)
{
    /// <summary>
    /// Whether <see cref="BadValue"/> prints bare, as Go prints numbers, booleans and quantities,
    /// instead of quoted like a string.
    /// </summary>
    public bool BadValueIsLiteral { get; init; }

    public static FieldError Required(string field, string detail = "") => new(field, FieldErrorType.Required, null, detail);

    public static FieldError Forbidden(string field, string detail) => new(field, FieldErrorType.Forbidden, null, detail);

    public static FieldError Invalid(string field, string? value, string detail) => new(field, FieldErrorType.Invalid, value, detail);

    public static FieldError Invalid(string field, long value, string detail) =>
        new(field, FieldErrorType.Invalid, Literal(value), detail) { BadValueIsLiteral = true };

    /// <summary>An invalid value Go would print without quotes (a Quantity, a bool, a struct).</summary>
    public static FieldError InvalidLiteral(string field, string value, string detail) =>
        new(field, FieldErrorType.Invalid, value, detail) { BadValueIsLiteral = true };

    public static FieldError Duplicate(string field, string value) => new(field, FieldErrorType.Duplicate, value, string.Empty);

    public static FieldError NotFound(string field, string value, string detail = "") => new(field, FieldErrorType.NotFound, value, detail);

    /// <summary>An unsupported value; the supported ones are listed in the order given, as upstream does.</summary>
    public static FieldError NotSupported(string field, string? value, IEnumerable<string> supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        var quoted = supported.Select(GoQuote.Quote).ToList();
        var detail = quoted.Count > 0 ? "supported values: " + string.Join(", ", quoted) : string.Empty;
        return new FieldError(field, FieldErrorType.NotSupported, value, detail);
    }

    public static FieldError TooLong(string field, int maxLength) =>
        new(field, FieldErrorType.TooLong, null, Literal(maxLength, "must have at most {0} bytes"));

    public static FieldError TooMany(string field, int actual, int max) =>
        new(field, FieldErrorType.TooMany, Literal(actual), Literal(max, "must have at most {0} items")) { BadValueIsLiteral = true };

    /// <summary>The body after the field path: <c>Invalid value: 0: must be between 1 and 65535, inclusive</c>.</summary>
    public string ErrorBody()
    {
        var text = Type switch
        {
            FieldErrorType.NotFound => "Not found",
            FieldErrorType.Required => "Required value",
            FieldErrorType.Duplicate => "Duplicate value",
            FieldErrorType.Invalid => "Invalid value",
            FieldErrorType.NotSupported => "Unsupported value",
            FieldErrorType.Forbidden => "Forbidden",
            FieldErrorType.TooLong => "Too long",
            FieldErrorType.TooMany => "Too many",
            _ => Type.ToString(),
        };
        if (Type is not (FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong))
        {
            text += ": " + (BadValue is null ? "null" : BadValueIsLiteral ? BadValue : GoQuote.Quote(BadValue));
        }

        return Detail.Length == 0 ? text : text + ": " + Detail;
    }

    public override string ToString() => Field + ": " + ErrorBody();

    private static string Literal(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Literal(int value, string format) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, value);
}
