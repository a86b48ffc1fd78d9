using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class MappedFilePagesTests
{
    private static string Mapping(string header, int rss = 100, int privateDirty = 0, int anonymous = 0, int swap = 0) =>
        $"""
        {header}
        Size:                400 kB
        Rss:              {rss} kB
        Pss:              {rss} kB
        Shared_Clean:          0 kB
        Private_Clean:    {rss} kB
        Private_Dirty:    {privateDirty} kB
        Anonymous:        {anonymous} kB
        Swap:             {swap} kB
        VmFlags: rd mr mw me

        """;

    [Fact]
    public void CleanReadOnlyCodeAndDataOfAFile_AreDroppable()
    {
        var smaps = Mapping("55f0a0000000-55f0a0a00000 r-xp 0002b000 fd:01 1234 /usr/bin/sharplet", rss: 9000)
            + Mapping("7f00000a0000-7f00000b0000 r--p 00000000 fd:01 99 /usr/lib/x86_64-linux-gnu/libcrypto.so.3", rss: 64);

        var ranges = MappedFilePages.Droppable(smaps);

        ranges.ShouldBe([
            new MappedFilePages.DropRange(0x55f0a0000000, 0xa00000, 9000 * 1024),
            new MappedFilePages.DropRange(0x7f00000a0000, 0x10000, 64 * 1024),
        ]);
    }

    [Fact]
    public void RelocatedReadOnlyPages_AreKept()
    {
        // RELRO: written by the dynamic linker, then made read-only; dropping it would undo the relocations.
        var smaps = Mapping("55f0a1513000-55f0a1515000 r--p 01512000 fd:01 1234 /usr/bin/sharplet", rss: 8, privateDirty: 8, anonymous: 8);

        MappedFilePages.Droppable(smaps).ShouldBeEmpty();
    }

    [Fact]
    public void SwappedOutCopiedPages_AreKept() =>
        MappedFilePages.Droppable(Mapping("7f0000000000-7f0000010000 r--p 00000000 fd:01 7 /usr/lib/libx.so", rss: 4, swap: 4)).ShouldBeEmpty();

    [Theory]
    [InlineData("7f0000000000-7f0000010000 rw-p 00000000 fd:01 7 /usr/lib/libx.so")]
    [InlineData("7f0000000000-7f0000010000 r--s 00000000 fd:01 7 /dev/shm/shared")]
    [InlineData("7f0000000000-7f0000010000 r--p 00000000 00:00 0 ")]
    [InlineData("7f0000000000-7f0000010000 r-xp 00000000 00:00 0 [vdso]")]
    [InlineData("7f0000000000-7f0000010000 r-xp 00000000 00:01 5 /memfd:doublemapper (deleted)")]
    [InlineData("7f0000000000-7f0000010000 r-xp 00000000 fd:01 7 /usr/bin/replaced (deleted)")]
    public void WritableSharedAnonymousOrDeletedMappings_AreKept(string header) =>
        MappedFilePages.Droppable(Mapping(header)).ShouldBeEmpty();

    [Fact]
    public void MappingWithNothingResident_IsSkipped() =>
        MappedFilePages.Droppable(Mapping("7f0000000000-7f0000010000 r--p 00000000 fd:01 7 /usr/lib/libx.so", rss: 0)).ShouldBeEmpty();

    [Fact]
    public void MappingMissingAFigure_IsKept()
    {
        // An smaps layout without the Swap line: the rule cannot tell, so it drops nothing.
        var smaps = Mapping("7f0000000000-7f0000010000 r--p 00000000 fd:01 7 /usr/lib/libx.so").Replace("Swap:", "Other:", StringComparison.Ordinal);

        MappedFilePages.Droppable(smaps).ShouldBeEmpty();
    }

    [Fact]
    public void DropClean_OnThisProcess_KeepsItRunning()
    {
        // The real call on the test process itself: its code pages map again on the next access.
        MappedFilePages.DropClean().ShouldBeGreaterThanOrEqualTo(0);

        MappedFilePages.Droppable("garbage\nRss: 5 kB\n").ShouldBeEmpty();
    }
    // Every fileEvery-th mapping a library's code; the others anonymous (GC regions, stacks), as in the agent's smaps.
    private static string ManyMappings(int count, int fileEvery) =>
        string.Concat(Enumerable.Range(0, count).Select(i => Mapping(
            i % fileEvery == 0 ? $"7f{i:x10}-7f{i + 1:x10} r-xp 00000000 fd:01 7 /usr/lib/libx{i}.so" : $"7f{i:x10}-7f{i + 1:x10} rw-p 00000000 00:00 0",
            rss: 4 + i)));

    [Fact]
    public void Droppable_StreamedThroughASmallBuffer_FindsWhatTheWholeTextFinds()
    {
        var smaps = ManyMappings(40, fileEvery: 2);
        var whole = MappedFilePages.Droppable(smaps);

        var streamed = MappedFilePages.Droppable(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(smaps)), bufferBytes: 128);

        whole.Count.ShouldBe(20);
        streamed.ShouldBe(whole);
    }

    [Fact]
    public void Droppable_LineLongerThanTheBuffer_IsSkippedAndTheFollowingMappingsRead()
    {
        // The long line's tail, where the 128-byte reads cut it, reads like the header of another droppable mapping.
        var header = "7f0000000000-7f0000010000 r-xp 00000000 fd:01 7 /usr/lib/" + new string('x', 199);
        header.Length.ShouldBe(256);
        var smaps = Mapping(header + "7f0000040000-7f0000050000 r-xp 00000000 fd:01 9 /usr/lib/libz.so")
            + Mapping("7f0000020000-7f0000030000 r-xp 00000000 fd:01 8 /usr/lib/liby.so", rss: 8);

        var ranges = MappedFilePages.Droppable(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(smaps)), bufferBytes: 128);

        ranges.ShouldBe([new MappedFilePages.DropRange(0x7f0000020000, 0x10000, 8 * 1024)]);
    }

    [Fact]
    public void Droppable_SmapsOfMegabytes_AllocatesAFractionOfItsSize()
    {
        // With 30 pods the agent's smaps is ~1.5 MB; read whole, its text alone was twice that in garbage.
        var bytes = System.Text.Encoding.Latin1.GetBytes(ManyMappings(8000, fileEvery: 10));
        bytes.Length.ShouldBeGreaterThan(2_000_000);
        MappedFilePages.Droppable(new MemoryStream(bytes));

        var before = GC.GetAllocatedBytesForCurrentThread();
        MappedFilePages.Droppable(new MemoryStream(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBeLessThan(bytes.Length / 4);
    }
}
