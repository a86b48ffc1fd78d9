using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Tests.KubeClient;

public sealed class WatchStreamReaderTests
{
    private const string Added = """{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"10"}}}""";
    private const string Modified = """{"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"11"},"spec":{"nodeName":"n\nwith newline escaped"}}}""";
    private const string Bookmark = """{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"12"}}}""";

    private static async Task<List<WatchEvent>> ReadAll(Stream stream, TimeProvider? time = null)
    {
        var reader = new WatchStreamReader(stream, TimeSpan.FromMinutes(1), time ?? TimeProvider.System);
        var events = new List<WatchEvent>();
        await foreach (var e in reader.ReadAllAsync(CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    private static IEnumerable<byte[]> Split(string text, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += size)
        {
            yield return bytes[i..Math.Min(bytes.Length, i + size)];
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100_000)]
    public async Task ReadAll_AnyChunking_YieldsEachLineOnce(int chunkSize)
    {
        var body = $"{Added}\n{Modified}\n{Bookmark}\n";

        var events = await ReadAll(new ChunkedStream(Split(body, chunkSize)));

        events.Select(e => e.Type).ShouldBe(["ADDED", "MODIFIED", "BOOKMARK"]);
        var pod = events[1].DecodeObject(KubeJson.TypeInfo<Pod>(KubeJson.Lenient))!;
        pod.Metadata!.ResourceVersion.ShouldBe("11");
        pod.Spec!.NodeName.ShouldBe("n\nwith newline escaped");
    }

    [Fact]
    public async Task ReadAll_LastLineWithoutNewline_StillCounts()
    {
        var events = await ReadAll(new ChunkedStream(Split($"{Added}\n{Bookmark}", 5)));

        events.Select(e => e.Type).ShouldBe(["ADDED", "BOOKMARK"]);
    }

    [Fact]
    public async Task ReadAll_BlankLinesAndCrLf_AreSkipped()
    {
        var events = await ReadAll(new ChunkedStream(Split($"\n\r\n{Added}\r\n\n  \n{Bookmark}\n", 3)));

        events.Select(e => e.Type).ShouldBe(["ADDED", "BOOKMARK"]);
    }

    [Fact]
    public async Task ReadAll_EventLargerThanTheInitialBuffer_IsReassembled()
    {
        var big = new string('x', 200_000);
        var line = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + big + "\"}}}";

        var events = await ReadAll(new ChunkedStream(Split($"{Added}\n{line}\n{Bookmark}\n", 4096)));

        events.Count.ShouldBe(3);
        events[1].DecodeObject(KubeJson.TypeInfo<ConfigMap>(KubeJson.Lenient))!.Data!["k"].Length.ShouldBe(200_000);
    }

    [Fact]
    public async Task ReadAll_ErrorEvent_DecodesItsStatus()
    {
        const string Gone = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (50)","reason":"Expired","code":410}}""";

        var events = await ReadAll(new ChunkedStream(Split(Gone + "\n", 10)));

        var status = events.ShouldHaveSingleItem().DecodeErrorStatus()!;
        status.Code.ShouldBe(410);
        status.Reason.ShouldBe("Expired");
        KubeApiException.IsGoneStatus(status).ShouldBeTrue();
    }

    [Fact]
    public async Task ReadAll_MalformedLine_Throws()
    {
        await Should.ThrowAsync<JsonException>(() => ReadAll(new ChunkedStream(Split($"{Added}\n{{\"type\":\n", 8))));
    }

    [Fact]
    public async Task ReadAll_LineWithoutType_Throws()
    {
        await Should.ThrowAsync<JsonException>(() => ReadAll(new ChunkedStream(Split("{\"object\":{}}\n", 8))));
    }

    [Fact]
    public async Task ReadAll_StreamWithoutBytesForTheIdleTimeout_EndsWithTimeout()
    {
        var time = new FakeTimeProvider();
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(Added + "\n"));
        var reader = new WatchStreamReader(pipe.Reader.AsStream(), TimeSpan.FromSeconds(30), time);
        await using var events = reader.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();

        (await events.MoveNextAsync()).ShouldBeTrue();
        var next = events.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        next.IsCompleted.ShouldBeFalse();

        // Bytes reset the idle timer: a bookmark at 29 s keeps the watch alive past 30 s.
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(Bookmark + "\n"));
        (await next).ShouldBeTrue();
        var last = events.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        last.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Should.ThrowAsync<TimeoutException>(last);
        ex.Message.ShouldContain("received nothing");
    }

    [Fact]
    public async Task ReadAll_CallerCancels_IsCancellationNotTimeout()
    {
        var pipe = new Pipe();
        var reader = new WatchStreamReader(pipe.Reader.AsStream(), TimeSpan.FromSeconds(30), new FakeTimeProvider());
        using var cts = new CancellationTokenSource();
        await using var events = reader.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        var next = events.MoveNextAsync().AsTask();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(next);
    }
}
