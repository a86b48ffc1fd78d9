using Microsoft.AspNetCore.Http;
using Sharplet.Server;

namespace Sharplet.Tests.Server;

// The proxy's two pieces of HTTP: the upgrade request it sends to the runtime's streaming URL (the client's
// headers untouched, the runtime's host and path) and the head of the runtime's answer.
public sealed class StreamingProxyTests
{
    [Fact]
    public void RequestHead_GoesToTheStreamingPath_WithTheClientsUpgradeHeaders()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/exec/ns/pod/c";
        context.Request.QueryString = new QueryString("?command=ls&output=1");
        context.Request.Headers.Host = "node:10250";
        context.Request.Headers.Connection = "Upgrade";
        context.Request.Headers.Upgrade = "SPDY/3.1";
        context.Request.Headers["X-Stream-Protocol-Version"] = new(["v4.channel.k8s.io", "v3.channel.k8s.io"]);
        context.Request.Headers.ContentLength = 0;

        var head = System.Text.Encoding.Latin1.GetString(StreamingProxy.RequestHead(context.Request, new Uri("http://127.0.0.1:4321/exec/Tok3n")));

        head.ShouldStartWith("POST /exec/Tok3n?command=ls&output=1 HTTP/1.1\r\nHost: 127.0.0.1:4321\r\n");
        head.ShouldContain("Connection: Upgrade\r\n");
        head.ShouldContain("Upgrade: SPDY/3.1\r\n");
        head.ShouldContain("X-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: v3.channel.k8s.io\r\n");
        head.ShouldNotContain("node:10250");
        head.ShouldNotContain("Content-Length");
        head.ShouldEndWith("\r\n\r\n");
    }

    [Fact]
    public void RequestHead_KeepsAQueryTheStreamingUrlHasOfItsOwn()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString("?port=80");

        System.Text.Encoding.Latin1.GetString(StreamingProxy.RequestHead(context.Request, new Uri("http://127.0.0.1:1/portforward/x?a=b")))
            .ShouldStartWith("GET /portforward/x?a=b HTTP/1.1\r\n");
    }

    [Fact]
    public void ParseHead_ReadsTheStatusAndHeaders()
    {
        var (status, headers) = StreamingProxy.ParseHead("HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io");

        status.ShouldBe(101);
        headers.ShouldBe([("Upgrade", "SPDY/3.1"), ("X-Stream-Protocol-Version", "v4.channel.k8s.io")]);
        StreamingProxy.ParseHead("garbage").Status.ShouldBe(502);
    }
}
