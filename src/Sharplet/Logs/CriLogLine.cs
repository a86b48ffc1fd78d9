using System.Globalization;

namespace Sharplet.Logs;

// One line of the CRI container log format that runtimes write:
//   2016-10-06T00:17:09.669794202Z stdout F log content
// The tag is P for a partial line (continued by the next entry) or F for the full end of a line.
internal readonly record struct CriLogLine(DateTimeOffset Timestamp, string Stream, bool Partial, string Content)
{
    public static bool TryParse(ReadOnlySpan<char> line, out CriLogLine result)
    {
        result = default;
        var first = line.IndexOf(' ');
        if (first <= 0)
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(line[..first], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return false;
        }

        var rest = line[(first + 1)..];
        var second = rest.IndexOf(' ');
        if (second <= 0)
        {
            return false;
        }

        var stream = rest[..second].ToString();
        if (stream is not ("stdout" or "stderr"))
        {
            return false;
        }

        rest = rest[(second + 1)..];
        var third = rest.IndexOf(' ');
        var tags = third < 0 ? rest : rest[..third];
        var content = third < 0 ? ReadOnlySpan<char>.Empty : rest[(third + 1)..];

        // Tags are colon-separated; the first one is the partial/full marker.
        var colon = tags.IndexOf(':');
        var marker = colon < 0 ? tags : tags[..colon];
        result = new CriLogLine(timestamp, stream, marker.SequenceEqual("P"), content.ToString());
        return true;
    }
}
