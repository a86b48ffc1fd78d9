using System.Globalization;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// intstr.IntOrString: a JSON number or string, e.g. a probe port (8080 or "http") or a
/// percentage ("25%"). The form is kept because a named port and its number mean different things.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
internal readonly struct IntOrString : IEquatable<IntOrString>
{
    private readonly string? _stringValue;

    private IntOrString(int intValue, string? stringValue)
    {
        IntValue = intValue;
        _stringValue = stringValue;
    }

    public bool IsString => _stringValue is not null;

    /// <summary>The number; 0 when <see cref="IsString"/>.</summary>
    public int IntValue { get; }

    /// <summary>The string; empty when the value is a number.</summary>
    public string StringValue => _stringValue ?? string.Empty;

    public static IntOrString FromInt32(int value) => new(value, null);

    public static IntOrString FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new IntOrString(0, value);
    }

    public static implicit operator IntOrString(int value) => FromInt32(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    public static bool operator ==(IntOrString left, IntOrString right) => left.Equals(right);

    public static bool operator !=(IntOrString left, IntOrString right) => !left.Equals(right);

    public bool Equals(IntOrString other) =>
        IsString == other.IsString && IntValue == other.IntValue && string.Equals(_stringValue, other._stringValue, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IntOrString other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(IntValue, _stringValue);

    public override string ToString() => _stringValue ?? IntValue.ToString(CultureInfo.InvariantCulture);
}
