using System.Text;
using System.Text.Json;

namespace Sharplet.Doctor;

/// <summary>The results for people (one line each, the fix under it) or for machines (-o json).</summary>
internal static class DoctorReport
{
    public static string Text(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var width = results.Count == 0 ? 0 : results.Max(r => r.Check.Length);
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.Append('[').Append(Label(result.Verdict)).Append("] ").Append(result.Check.PadRight(width)).Append("  ").AppendLine(result.Detail);
            if (result.Fix is { } fix && result.Verdict is Verdict.Fail or Verdict.Warning)
            {
                text.Append(' ', width + 9).Append("fix: ").AppendLine(fix);
            }
        }

        var failed = results.Count(r => r.Verdict == Verdict.Fail);
        var warned = results.Count(r => r.Verdict == Verdict.Warning);
        text.AppendLine(failed == 0 ? $"ok: no problem found ({warned} warning(s))" : $"{failed} problem(s) found, {warned} warning(s)");
        return text.ToString();
    }

    public static string Json(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteBoolean("healthy", DoctorRunner.Healthy(results));
            w.WriteStartArray("checks");
            foreach (var result in results)
            {
                w.WriteStartObject();
                w.WriteString("name", result.Check);
                w.WriteString("verdict", Label(result.Verdict).Trim().ToLowerInvariant());
                w.WriteString("detail", result.Detail);
                if (result.Fix is not null && result.Verdict is Verdict.Fail or Verdict.Warning)
                {
                    w.WriteString("fix", result.Fix);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok  ",
        Verdict.Warning => "warn",
        Verdict.Fail => "FAIL",
        _ => "skip",
    };
}
