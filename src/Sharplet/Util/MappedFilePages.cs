using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Sharplet.Util;

/// <summary>
/// Unmaps the clean, read-only file pages of the process's own mappings (the binary's code and read-only data,
/// libcrypto, libc): madvise(MADV_DONTNEED) drops their page-table entries, the page cache keeps the pages, and a
/// later access maps them again with a minor fault. Measured on the NativeAOT binary with 30 pods: 20 of its 22 MB
/// were resident although the steady agent touches ~11 MB of them. The rest is start-up only: the 7 MB of
/// dehydrated type data in .rodata, read once to fill .hydrated, and the code of start-up paths; the kernel's
/// fault-around also maps up to 64 KiB around every faulting code page. Only mappings that cannot hold data of the
/// process's own are touched: backed by a file, mapped private and read-only, with no dirty, anonymous (copied on
/// write) or swapped page. Writing such a page is impossible (it is not writable), so nothing can be lost; the
/// relocated RELRO pages are dirty and stay.
/// </summary>
internal static partial class MappedFilePages
{
    private const int MadviseDontNeed = 4;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>A mapping that can be dropped: its start address, length and resident bytes.</summary>
    internal readonly record struct DropRange(ulong Start, ulong Length, long ResidentBytes);

    /// <summary>Drops the clean read-only file pages of this process; returns the resident bytes they held.</summary>
    public static long DropClean()
    {
        string smaps;
        try
        {
            smaps = File.ReadAllText("/proc/self/smaps");
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }

        long dropped = 0;
        foreach (var range in Droppable(smaps))
        {
            if (Madvise((nint)range.Start, (nuint)range.Length, MadviseDontNeed) == 0)
            {
                dropped += range.ResidentBytes;
            }
        }

        return dropped;
    }

    /// <summary>The pure rule over /proc/self/smaps: the mappings <see cref="DropClean"/> may drop.</summary>
    public static List<DropRange> Droppable(string smaps)
    {
        var result = new List<DropRange>();
        Mapping? current = null;
        foreach (var line in smaps.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty)
            {
                continue;
            }

            if (IsHeader(line))
            {
                Add(current, result);
                current = Mapping.Parse(line);
                continue;
            }

            current?.Read(line);
        }

        Add(current, result);
        return result;
    }

    private static void Add(Mapping? mapping, List<DropRange> result)
    {
        if (mapping is { Candidate: true, Rss: > 0, PrivateDirty: 0, Anonymous: 0, Swap: 0, Complete: true })
        {
            result.Add(new DropRange(mapping.Start, mapping.End - mapping.Start, mapping.Rss * 1024));
        }
    }

    // A header is "start-end perms offset dev inode [path]"; field lines are "Name:   value kB".
    private static bool IsHeader(ReadOnlySpan<char> line)
    {
        var dash = line.IndexOf('-');
        var space = line.IndexOf(' ');
        return dash > 0 && space > dash && !line[..dash].ContainsAnyExcept(HexDigits);
    }

    private sealed class Mapping
    {
        public ulong Start { get; private init; }

        public ulong End { get; private init; }

        public bool Candidate { get; private init; }

        public long Rss { get; private set; } = -1;

        public long PrivateDirty { get; private set; } = -1;

        public long Anonymous { get; private set; } = -1;

        public long Swap { get; private set; } = -1;

        // Every figure the rule reads was present: an unknown smaps layout drops nothing.
        public bool Complete => Rss >= 0 && PrivateDirty >= 0 && Anonymous >= 0 && Swap >= 0;

        public static Mapping? Parse(ReadOnlySpan<char> header)
        {
            Span<Range> fields = stackalloc Range[6];
            var count = header.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
            if (count < 5)
            {
                return null;
            }

            var addresses = header[fields[0]];
            var dash = addresses.IndexOf('-');
            if (!ulong.TryParse(addresses[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(addresses[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                return null;
            }

            var perms = header[fields[1]];
            // The path is the rest of the line after the inode (it may hold spaces); "(deleted)" files are left.
            var path = count == 6 ? header[fields[5]].Trim() : [];
            var candidate = path.StartsWith('/') && !path.EndsWith(" (deleted)", StringComparison.Ordinal)
                && (perms.SequenceEqual("r--p") || perms.SequenceEqual("r-xp"));
            return new Mapping { Start = start, End = end, Candidate = candidate };
        }

        public void Read(ReadOnlySpan<char> line)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return;
            }

            var name = line[..colon];
            var rest = line[(colon + 1)..].Trim();
            var space = rest.IndexOf(' ');
            var digits = space < 0 ? rest : rest[..space];
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return;
            }

            switch (name)
            {
                case "Rss":
                    Rss = kib;
                    break;
                case "Private_Dirty":
                    PrivateDirty = kib;
                    break;
                case "Anonymous":
                    Anonymous = kib;
                    break;
                case "Swap":
                    Swap = kib;
                    break;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
