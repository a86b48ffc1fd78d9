using System.Text;
using Sharplet.Server;

namespace Sharplet.Tests.Server;

public sealed class RequestHeadTests
{
    private static LocalRequest Parse(string head, bool viaControlSocket = true) =>
        RequestHead.Parse(Encoding.ASCII.GetBytes(head), viaControlSocket);

    [Fact]
    public void RequestLine_GivesMethodPathAndDecodedQuery()
    {
        var request = Parse("GET /containerLogs/default/web/main?follow=true&tailLines=10&x=a%20b+c HTTP/1.1\r\nHost: sharplet\r\n\r\n");

        request.Method.ShouldBe("GET");
        request.Path.ShouldBe("/containerLogs/default/web/main");
        request["follow"].ShouldBe("true");
        request["tailLines"].ShouldBe("10");
        request["x"].ShouldBe("a b c");
        request["missing"].ShouldBeNull();
        request.ViaControlSocket.ShouldBeTrue();
    }

    [Fact]
    public void RepeatedParameter_FirstValueWins()
    {
        Parse("GET /pods?a=1&a=2 HTTP/1.1\r\n\r\n")["a"].ShouldBe("1");
    }

    [Fact]
    public void ParameterWithoutValue_IsEmpty()
    {
        Parse("GET /pods?previous HTTP/1.0\r\n\r\n")["previous"].ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("GET\r\n\r\n")]
    [InlineData("GET /pods\r\n\r\n")]
    [InlineData("GET pods HTTP/1.1\r\n\r\n")]
    [InlineData("GET /pods HTTP/2\r\n\r\n")]
    [InlineData(" /pods HTTP/1.1\r\n\r\n")]
    public void MalformedRequestLine_IsAFormatErrorQuotingIt(string head)
    {
        Should.Throw<FormatException>(() => Parse(head)).Message.ShouldStartWith("malformed request line \"");
    }

    [Fact]
    public void EndOf_FindsTheBlankLine_OrMinusOne()
    {
        RequestHead.EndOf("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8).ShouldBe(27);
        RequestHead.EndOf("GET / HTTP/1.1\r\nHost: x\r\n"u8).ShouldBe(-1);
    }
}
