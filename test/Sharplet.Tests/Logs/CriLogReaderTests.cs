using Sharplet.Logs;

namespace Sharplet.Tests.Logs;

public sealed class CriLogReaderTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"crilog-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void TryParse_FullLine_ReadsAllParts()
    {
        CriLogLine.TryParse("2016-10-06T00:17:09.669794202Z stderr F hello world", out var line).ShouldBeTrue();

        line.Stream.ShouldBe("stderr");
        line.Partial.ShouldBeFalse();
        line.Content.ShouldBe("hello world");
        line.Timestamp.Year.ShouldBe(2016);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-time stdout F x")]
    [InlineData("2016-10-06T00:17:09Z stdin F x")]
    public void TryParse_Malformed_IsRejected(string text) => CriLogLine.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public async Task Read_JoinsPartialEntriesPerStream()
    {
        await File.WriteAllTextAsync(path,
            "2024-01-01T00:00:00Z stdout P hel\n" +
            "2024-01-01T00:00:00Z stderr F err\n" +
            "2024-01-01T00:00:01Z stdout F lo\n");

        var records = await CriLogReader.ReadAsync(path, null, null, TimeProvider.System, CancellationToken.None).ToListAsync();

        records.Select(r => (r.Stream, r.Text)).ShouldBe([("stderr", "err"), ("stdout", "hello")]);
    }

    [Fact]
    public async Task Read_Tail_ReturnsOnlyTheLastLines()
    {
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, 5).Select(i => $"2024-01-01T00:00:0{i}Z stdout F line{i}"));

        var records = await CriLogReader.ReadAsync(path, 2, null, TimeProvider.System, CancellationToken.None).ToListAsync();

        records.Select(r => r.Text).ShouldBe(["line4", "line5"]);
    }

    [Fact]
    public async Task Read_Follow_YieldsAppendedLinesUntilTheWriterStops()
    {
        await File.WriteAllTextAsync(path, "2024-01-01T00:00:00Z stdout F first\n");
        var writing = true;
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await foreach (var record in CriLogReader.ReadAsync(path, null, () => writing, TimeProvider.System, timeout.Token))
        {
            seen.Add(record.Text);
            if (record.Text == "first")
            {
                // Half a line first: the reader must wait for its end rather than emit a fragment.
                await File.AppendAllTextAsync(path, "2024-01-01T00:00:01Z stdout F sec", timeout.Token);
                await File.AppendAllTextAsync(path, "ond\n", timeout.Token);
                writing = false;
            }
        }

        seen.ShouldBe(["first", "second"]);
    }

    [Fact]
    public async Task Read_Follow_ContinuesIntoTheNewFileAfterARotation()
    {
        await File.WriteAllTextAsync(path, "2024-01-01T00:00:00Z stdout F before\n");
        var writing = true;
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await foreach (var record in CriLogReader.ReadAsync(path, null, () => writing, TimeProvider.System, timeout.Token))
        {
            seen.Add(record.Text);
            if (record.Text == "before")
            {
                // As the log manager and the runtime: rename, a last line into the renamed file, a new file.
                File.Move(path, path + ".20240101-000001");
                await File.AppendAllTextAsync(path + ".20240101-000001", "2024-01-01T00:00:01Z stdout F late\n", timeout.Token);
                await File.WriteAllTextAsync(path, "2024-01-01T00:00:02Z stdout F after\n", timeout.Token);
            }
            else if (record.Text == "after")
            {
                writing = false;
            }
        }

        File.Delete(path + ".20240101-000001");
        seen.ShouldBe(["before", "late", "after"]);
    }
}
