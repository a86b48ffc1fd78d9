using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Sharplet.Server;

namespace Sharplet.Tests.Server;

// containerLogs query parameters as upstream's parameter codec decodes and ValidatePodLogOptions checks them.
public sealed class PodLogOptionsTests
{
    private static (PodLogOptions? Options, PodLogOptions.ParseError Error) Parse(string query) =>
        PodLogOptions.Parse(new QueryCollection(QueryHelpers(query)));

    private static Dictionary<string, StringValues> QueryHelpers(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);

    [Fact]
    public void AllParameters_AreRead()
    {
        var (o, error) = Parse("?follow=true&previous=1&timestamps=T&tailLines=5&sinceSeconds=60&limitBytes=100");

        error.ShouldBe(PodLogOptions.ParseError.None);
        o.ShouldBe(new PodLogOptions { Follow = true, Previous = true, Timestamps = true, TailLines = 5, SinceSeconds = 60, LimitBytes = 100 });
    }

    [Fact]
    public void SinceTime_IsRfc3339_AndSinceIsNowMinusSeconds()
    {
        var (o, _) = Parse("?sinceTime=2024-05-01T10:00:00Z");
        o!.SinceTime.ShouldBe(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        o.Since(DateTimeOffset.UnixEpoch).ShouldBe(o.SinceTime);

        var now = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        Parse("?sinceSeconds=30").Options!.Since(now).ShouldBe(now.AddSeconds(-30));
        Parse("").Options!.Since(now).ShouldBeNull();
    }

    [Theory]
    [InlineData("?previous", true)]
    [InlineData("?previous=", true)]
    [InlineData("?previous=false", false)]
    [InlineData("", false)]
    public void BarePrevious_IsTrue(string query, bool previous)
    {
        Parse(query).Options!.Previous.ShouldBe(previous);
    }

    [Theory]
    [InlineData("?tail=7", 7L)]
    [InlineData("?tail=all", null)]
    [InlineData("?tailLines=3&tail=9", 9L)]
    public void LegacyTail_WinsOverTailLines(string query, long? tail)
    {
        Parse(query).Options!.TailLines.ShouldBe(tail);
    }

    [Theory]
    [InlineData("?follow=yes")]
    [InlineData("?tailLines=ten")]
    [InlineData("?sinceTime=yesterday")]
    public void Undecodable_IsADecodeError(string query)
    {
        Parse(query).Error.ShouldBe(PodLogOptions.ParseError.Decode);
    }

    [Theory]
    [InlineData("?tailLines=-1")]
    [InlineData("?limitBytes=0")]
    [InlineData("?sinceSeconds=0")]
    [InlineData("?sinceSeconds=5&sinceTime=2024-05-01T10:00:00Z")]
    public void OutOfRange_IsInvalid(string query)
    {
        Parse(query).Error.ShouldBe(PodLogOptions.ParseError.Invalid);
    }
}
