using System.Globalization;

namespace Sharplet.Logs;

// The pure decisions of upstream's rotateLog, on the names of the files matching "<log>.*": temporary files and
// uncompressed logs whose .gz exists are leftovers of an interrupted compression (removed); past those, only
// MaxFiles-2 rotated files may stay (the current log and the one about to be rotated make MaxFiles), oldest
// removed first so a reader of a newer one is not broken; the survivors not yet compressed get compressed. The
// newest rotation is left uncompressed by the step that makes it, so a reader that had it open can finish.
internal static class RotatedLogs
{
    public const string CompressSuffix = ".gz";

    public const string TmpSuffix = ".tmp";

    // Go's "20060102-150405": the suffix sorts by time, which the oldest-first removal relies on.
    public const string TimestampFormat = "yyyyMMdd-HHmmss";

    public static string RotatedName(string log, DateTimeOffset now) =>
        log + "." + now.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static RotationPlan Plan(IEnumerable<string> rotated, int maxFiles)
    {
        var all = rotated.ToList();
        var unused = all.Where(l => !IsInUse(l, all)).ToList();
        var inUse = all.Except(unused, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var keep = Math.Max(0, maxFiles - 2);
        var excess = inUse.Take(Math.Max(0, inUse.Count - keep)).ToList();
        var kept = inUse.Skip(excess.Count).ToList();
        return new RotationPlan(unused, excess, kept.Where(l => !l.EndsWith(CompressSuffix, StringComparison.Ordinal)).ToList(), kept);
    }

    // Upstream's Clean when a container is removed: its log and every rotation of it.
    public static void RemoveAll(string log)
    {
        foreach (var file in Find(log).Append(log).Where(File.Exists))
        {
            File.Delete(file);
        }
    }

    // The files named "<log>.*". Not Directory.EnumerateFiles' own pattern: "0.log.*" matches "0.log" there (DOS
    // semantics, an empty extension).
    public static List<string> Find(string log)
    {
        var dir = Path.GetDirectoryName(log);
        var prefix = Path.GetFileName(log) + ".";
        return dir is null || !Directory.Exists(dir)
            ? []
            : Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    private static bool IsInUse(string log, List<string> all) =>
        !log.EndsWith(TmpSuffix, StringComparison.Ordinal)
        && (log.EndsWith(CompressSuffix, StringComparison.Ordinal) || !all.Contains(log + CompressSuffix, StringComparer.Ordinal));
}
