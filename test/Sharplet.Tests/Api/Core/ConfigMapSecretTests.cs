using System.Text;
using Sharplet.Api;
using Sharplet.Tests.Api.Serialization;

namespace Sharplet.Tests.Api.Core;

public class ConfigMapSecretTests
{
    [Fact]
    public void Secret_Data_IsBase64OnTheWire()
    {
        var secret = RoundTrip.Check<Secret>("""
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"db","namespace":"default"},
             "data":{"password":"czNjcjN0","empty":""},"type":"Opaque","immutable":true}
            """);

        Encoding.UTF8.GetString(secret.Data!["password"]).ShouldBe("s3cr3t");
        secret.Data["empty"].ShouldBeEmpty();
        secret.Type.ShouldBe(SecretType.Opaque);
    }

    [Fact]
    public void ConfigMap_DataAndBinaryData_RoundTrip()
    {
        var configMap = RoundTrip.Check<ConfigMap>("""
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"app-config"},
             "data":{"app.conf":"port=8080\n"},"binaryData":{"logo.png":"iVBORw0KGgo="}}
            """);

        configMap.Data!["app.conf"].ShouldBe("port=8080\n");
        configMap.BinaryData!["logo.png"].Length.ShouldBe(8);
    }

    [Fact]
    public void SecretList_RoundTrips() =>
        RoundTrip.Check<SecretList>("""{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"},"data":{"k":"dg=="}}]}""")
            .Items!.Count.ShouldBe(1);

    [Fact]
    public void Namespace_RoundTrips() =>
        RoundTrip.Check<Namespace>("""
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default"},"spec":{"finalizers":["kubernetes"]},
             "status":{"phase":"Active","conditions":[{"type":"NamespaceDeletionDiscoveryFailure","status":"False","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"ResourcesDiscovered","message":"All resources successfully discovered"}]}}
            """).Status!.Phase.ShouldBe("Active");
}
