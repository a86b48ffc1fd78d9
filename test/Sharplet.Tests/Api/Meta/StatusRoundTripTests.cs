using Sharplet.Api;
using Sharplet.Tests.Api.Serialization;

namespace Sharplet.Tests.Api.Meta;

public class StatusRoundTripTests
{
    [Fact]
    public void NotFound_RoundTrips()
    {
        var status = RoundTrip.Check<Status>("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web\" not found",
             "reason":"NotFound","details":{"name":"web","kind":"pods"},"code":404}
            """);

        status.Reason.ShouldBe(StatusReason.NotFound);
        status.Details!.Kind.ShouldBe("pods");
    }

    [Fact]
    public void Invalid_WithCauses_RoundTrips()
    {
        var status = RoundTrip.Check<Status>("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Pod \"web\" is invalid: spec.containers[0].image: Required value","reason":"Invalid",
             "details":{"name":"web","kind":"Pod","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}]},
             "code":422}
            """);

        status.Details!.Causes![0].Field.ShouldBe("spec.containers[0].image");
    }

    [Fact]
    public void TooManyRequests_CarriesRetryAfter() =>
        RoundTrip.Check<Status>("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"storage is (re)initializing",
             "reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}
            """).Details!.RetryAfterSeconds.ShouldBe(1);

    [Fact]
    public void DeleteOptions_WritesPreconditionsAndPolicy() =>
        KubeJson.Serialize(new DeleteOptions
        {
            GracePeriodSeconds = 0,
            Preconditions = new Preconditions { Uid = "0b8f6c1a" },
            PropagationPolicy = DeletionPropagation.Background,
        }).ShouldBe("""{"gracePeriodSeconds":0,"preconditions":{"uid":"0b8f6c1a"},"propagationPolicy":"Background"}""");
}
