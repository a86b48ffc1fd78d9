using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

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
        List<DropRange> ranges;
        try
        {
            // Unbuffered: Droppable reads through its own pooled buffer.
            using var smaps = new FileStream("/proc/self/smaps", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            ranges = Droppable(smaps);
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
        foreach (var range in ranges)
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
        var scan = new Scan();
        foreach (var line in smaps.AsSpan().EnumerateLines())
        {
            scan.Line(line);
        }

        return scan.Finish();
    }

    /// <summary>
    /// The same rule, streamed through one pooled buffer of <paramref name="bufferBytes"/>: with 30 pods smaps is
    /// ~30 000 lines and ~1.5 MB, and reading it whole (its text and the builder's growth on the large object heap)
    /// was 3.5 MB of garbage every period, made right after the trimming collection and so resident until the next
    /// one. A line longer than the buffer (never in smaps: a path is at most 4 KiB) is skipped, not split.
    /// </summary>
    public static List<DropRange> Droppable(Stream smaps, int bufferBytes = 16 * 1024)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(bufferBytes);
        var chars = ArrayPool<char>.Shared.Rent(bufferBytes);
        try
        {
            var scan = new Scan();
            var filled = 0;
            var skipping = false;
            while (true)
            {
                var read = smaps.Read(bytes, filled, bufferBytes - filled);
                filled += read;
                var complete = read == 0 ? filled : bytes.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                if (complete == 0 && filled == bufferBytes)
                {
                    filled = 0;
                    skipping = true;
                    continue;
                }

                var count = Encoding.Latin1.GetChars(bytes.AsSpan(0, complete), chars);
                foreach (var line in chars.AsSpan(0, count).EnumerateLines())
                {
                    if (skipping)
                    {
                        skipping = false;
                        continue;
                    }

                    scan.Line(line);
                }

                if (read == 0)
                {
                    return scan.Finish();
                }

                bytes.AsSpan(complete, filled - complete).CopyTo(bytes);
                filled -= complete;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    // The line-by-line state of one pass over smaps: the mapping being read and the ranges found so far.
    private sealed class Scan
    {
        private readonly List<DropRange> result = [];

        // One instance read into for every mapping: smaps lists thousands of them.
        private readonly Mapping mapping = new();
        private Mapping? current;

        public void Line(ReadOnlySpan<char> line)
        {
            if (line.IsEmpty)
            {
                return;
            }

            if (IsHeader(line))
            {
                Add(current, result);
                current = mapping.Reset(line) ? mapping : null;
                return;
            }

            current?.Read(line);
        }

        public List<DropRange> Finish()
        {
            Add(current, result);
            current = null;
            return result;
        }
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
        public ulong Start { get; private set; }

        public ulong End { get; private set; }

        public bool Candidate { get; private set; }

        public long Rss { get; private set; } = -1;

        public long PrivateDirty { get; private set; } = -1;

        public long Anonymous { get; private set; } = -1;

        public long Swap { get; private set; } = -1;

        // Every figure the rule reads was present: an unknown smaps layout drops nothing.
        public bool Complete => Rss >= 0 && PrivateDirty >= 0 && Anonymous >= 0 && Swap >= 0;

        /// <summary>Starts reading the mapping of this header; false when the header does not parse.</summary>
        public bool Reset(ReadOnlySpan<char> header)
        {
            Rss = PrivateDirty = Anonymous = Swap = -1;
            Span<Range> fields = stackalloc Range[6];
            var count = header.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
            if (count < 5)
            {
                return false;
            }

            var addresses = header[fields[0]];
            var dash = addresses.IndexOf('-');
            if (!ulong.TryParse(addresses[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(addresses[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                return false;
            }

            var perms = header[fields[1]];
            // The path is the rest of the line after the inode (it may hold spaces); "(deleted)" files are left.
            var path = count == 6 ? header[fields[5]].Trim() : [];
            var candidate = path.StartsWith('/') && !path.EndsWith(" (deleted)", StringComparison.Ordinal)
                && (perms.SequenceEqual("r--p") || perms.SequenceEqual("r-xp"));
            (Start, End, Candidate) = (start, end, candidate);
            return true;
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
