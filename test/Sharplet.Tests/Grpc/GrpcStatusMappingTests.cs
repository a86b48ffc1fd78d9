using System.Net;
using Sharplet.Grpc;

namespace Sharplet.Tests.Grpc;

public sealed class GrpcStatusMappingTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, GrpcStatusCode.Internal)]
    [InlineData(HttpStatusCode.Unauthorized, GrpcStatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, GrpcStatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, GrpcStatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.TooManyRequests, GrpcStatusCode.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, GrpcStatusCode.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, GrpcStatusCode.Unknown)]
    public void FromHttpStatus_FollowsTheGrpcMappingTable(HttpStatusCode http, object expected) =>
        GrpcStatusMapping.FromHttpStatus(http).ShouldBe((GrpcStatusCode)expected);

    [Theory]
    [InlineData(0x7, GrpcStatusCode.Unavailable)]
    [InlineData(0x8, GrpcStatusCode.Cancelled)]
    [InlineData(0xb, GrpcStatusCode.ResourceExhausted)]
    [InlineData(0x2, GrpcStatusCode.Internal)]
    public void FromHttp2Error_MapsResetCodes(long code, object expected) =>
        GrpcStatusMapping.FromHttp2Error(code).ShouldBe((GrpcStatusCode)expected);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a%20b%25", "a b%")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("bad%zz", "bad%zz")]
    public void DecodeMessage_PercentDecodesUtf8(string raw, string expected) =>
        GrpcStatusMapping.DecodeMessage(raw).ShouldBe(expected);

    [Fact]
    public void TryReadStatus_UnknownNumber_IsUnknown()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("grpc-status", "99");

        GrpcStatusMapping.TryReadStatus(response.Headers, out var code, out _).ShouldBeTrue();
        code.ShouldBe(GrpcStatusCode.Unknown);
    }
}
