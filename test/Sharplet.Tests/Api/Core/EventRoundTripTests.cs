using Sharplet.Api;
using Sharplet.Tests.Api.Serialization;

namespace Sharplet.Tests.Api.Core;

public class EventRoundTripTests
{
    [Fact]
    public void KubeletEvent_RoundTrips()
    {
        var recorded = RoundTrip.Check<Event>("""
            {"kind":"Event","apiVersion":"v1",
             "metadata":{"name":"web-7d9c8b5f4-x2k8p.182a1b2c3d4e5f60","namespace":"default","uid":"c0ffee00-1234",
              "resourceVersion":"48220","creationTimestamp":"2025-03-04T10:11:13Z"},
             "involvedObject":{"kind":"Pod","namespace":"default","name":"web-7d9c8b5f4-x2k8p","uid":"0b8f6c1a-2d3e-4f5a-8b9c-0d1e2f3a4b5c",
              "apiVersion":"v1","resourceVersion":"48200","fieldPath":"spec.containers{nginx}"},
             "reason":"Pulled","message":"Container image \"nginx:1.27\" already present on machine",
             "source":{"component":"kubelet","host":"node-1"},
             "firstTimestamp":"2025-03-04T10:11:13Z","lastTimestamp":"2025-03-04T10:11:13Z","count":1,"type":"Normal",
             "eventTime":null,"reportingComponent":"kubelet","reportingInstance":"node-1"}
            """);

        recorded.InvolvedObject!.FieldPath.ShouldBe("spec.containers{nginx}");
        recorded.EventTime.ShouldBeNull();
        recorded.Type.ShouldBe(EventType.Normal);
    }

    [Fact]
    public void SeriesEvent_WithMicroTimes_RoundTrips()
    {
        var recorded = RoundTrip.Check<Event>("""
            {"metadata":{"name":"x","namespace":"default"},"involvedObject":{"kind":"Node","name":"node-1"},
             "reason":"NodeNotReady","type":"Warning","eventTime":"2025-03-04T10:11:13.123456Z","action":"Unready",
             "series":{"count":4,"lastObservedTime":"2025-03-04T10:15:13.654321Z"},
             "related":{"kind":"Pod","name":"web"},"reportingComponent":"kubelet","reportingInstance":"node-1"}
            """);

        recorded.Series!.Count.ShouldBe(4);
    }

    [Fact]
    public void NewEvent_WritesRequiredReportingFieldsEvenWhenEmpty() =>
        KubeJson.Serialize(new Event { Reason = "Started" })
            .ShouldBe("""{"reason":"Started","reportingComponent":"","reportingInstance":""}""");
}
