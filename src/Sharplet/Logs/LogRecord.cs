namespace Sharplet.Logs;

// One logical line of container output, partial CRI entries already joined.
internal sealed record LogRecord(DateTimeOffset Timestamp, string Stream, string Text);
