namespace Sharplet.Api.Validation;

/// <summary>Upstream's field.ErrorType: why a field is invalid.</summary>
internal enum FieldErrorType
{
    /// <summary>"Not found": a reference to something that does not exist.</summary>
    NotFound,

    /// <summary>"Required value".</summary>
    Required,

    /// <summary>"Duplicate value": a value that must be unique is not.</summary>
    Duplicate,

    /// <summary>"Invalid value": malformed or out of range.</summary>
    Invalid,

    /// <summary>"Unsupported value": not one of an enumeration's values.</summary>
    NotSupported,

    /// <summary>"Forbidden": well-formed but not allowed here.</summary>
    Forbidden,

    /// <summary>"Too long".</summary>
    TooLong,

    /// <summary>"Too many": a list has too many items.</summary>
    TooMany,
}
