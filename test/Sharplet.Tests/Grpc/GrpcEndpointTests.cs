using Sharplet.Grpc;

namespace Sharplet.Tests.Grpc;

public sealed class GrpcEndpointTests
{
    [Theory]
    [InlineData("unix:///run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("unix:/run/crio/crio.sock", "/run/crio/crio.sock")]
    [InlineData("/run/x.sock", "/run/x.sock")]
    public void Parse_UnixForms_GiveTheSocketPath(string text, string path)
    {
        var endpoint = GrpcEndpoint.Parse(text);

        endpoint.IsUnix.ShouldBeTrue();
        endpoint.SocketPath.ShouldBe(path);
        endpoint.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("tcp://10.0.0.1:9000", "10.0.0.1", 9000)]
    [InlineData("http://localhost:50051/", "localhost", 50051)]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("[::1]:8080", "::1", 8080)]
    public void Parse_TcpForms_GiveHostAndPort(string text, string host, int port)
    {
        var endpoint = GrpcEndpoint.Parse(text);

        endpoint.IsUnix.ShouldBeFalse();
        endpoint.Host.ShouldBe(host);
        endpoint.Port.ShouldBe(port);
    }

    [Theory]
    [InlineData("npipe:////./pipe/containerd")]
    [InlineData("unix://relative.sock")]
    [InlineData("localhost")]
    [InlineData("host:99999")]
    public void Parse_Unsupported_ThrowsNamingTheEndpoint(string text)
    {
        var ex = Should.Throw<FormatException>(() => GrpcEndpoint.Parse(text));

        ex.Message.ShouldContain(text);
    }
}
