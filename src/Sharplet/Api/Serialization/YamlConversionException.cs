namespace Sharplet.Api;

/// <summary>Malformed YAML, or YAML that has no JSON equivalent; carries the 1-based position.</summary>
internal sealed class YamlConversionException : Exception
{
    public YamlConversionException()
    {
    }

    public YamlConversionException(string message)
        : base(message)
    {
    }

    public YamlConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public YamlConversionException(string problem, long line, long column, Exception? innerException = null)
        : base($"YAML error at line {line}, column {column}: {problem}", innerException)
    {
        Problem = problem;
        Line = (int)Math.Min(line, int.MaxValue);
        Column = (int)Math.Min(column, int.MaxValue);
    }

    /// <summary>The message without the position.</summary>
    public string? Problem { get; }

    public int Line { get; }

    public int Column { get; }
}
