using Sharplet.Server.Auth;

namespace Sharplet.Tests.Server.Auth;

// Upstream's nodeAuthorizerAttributesGetter: resource nodes named by the node, verb from the method, the
// subresource from the path (fine-grained ones first, proxy as the fallback).
public sealed class RequestAttributesTests
{
    [Theory]
    [InlineData("GET", "/stats/summary", "get", "stats")]
    [InlineData("POST", "/stats/summary", "create", "stats")]
    [InlineData("GET", "/stats", "get", "stats")]
    [InlineData("GET", "/metrics", "get", "metrics")]
    [InlineData("GET", "/metrics/resource", "get", "metrics")]
    [InlineData("GET", "/logs/messages", "get", "log")]
    [InlineData("GET", "/containerLogs/ns/pod/c", "get", "proxy")]
    [InlineData("GET", "/statsx", "get", "proxy")]
    [InlineData("PUT", "/anything", "update", "proxy")]
    [InlineData("DELETE", "/anything", "delete", "proxy")]
    [InlineData("PATCH", "/anything", "patch", "proxy")]
    public void SpecificPaths_HaveOneSubresource(string method, string path, string verb, string subresource)
    {
        var attrs = RequestAttributes.For(method, path, "node-1").ShouldHaveSingleItem();

        (attrs.Verb, attrs.Resource, attrs.Subresource, attrs.Name, attrs.Group, attrs.Version, attrs.Namespace)
            .ShouldBe((verb, "nodes", subresource, "node-1", string.Empty, "v1", string.Empty));
    }

    [Theory]
    [InlineData("/pods", "pods")]
    [InlineData("/runningpods/", "pods")]
    [InlineData("/healthz", "healthz")]
    [InlineData("/healthz/ping", "healthz")]
    [InlineData("/configz", "configz")]
    [InlineData("/spec/", "spec")]
    public void FineGrainedPaths_AskTheirSubresourceThenProxy(string path, string subresource)
    {
        RequestAttributes.For("GET", path, "n").Select(a => a.Subresource).ShouldBe([subresource, "proxy"]);
    }

    [Theory]
    [InlineData("GET", "/exec/ns/pod/c")]
    [InlineData("POST", "/exec/ns/pod/c")]
    [InlineData("GET", "/attach/ns/pod/c")]
    [InlineData("GET", "/portForward/ns/pod")]
    [InlineData("POST", "/run/ns/pod/c")]
    public void StreamingPaths_AreCreate_WhateverTheMethod(string method, string path)
    {
        var attrs = RequestAttributes.For(method, path, "n").ShouldHaveSingleItem();

        (attrs.Verb, attrs.Subresource).ShouldBe(("create", "proxy"));
    }

    [Theory]
    [InlineData("/stats", "/stats", true)]
    [InlineData("/stats/summary", "/stats/", true)]
    [InlineData("/statsx", "/stats", false)]
    [InlineData("/stat", "/stats", false)]
    public void IsSubpath_IsThePathOrBelowIt(string subpath, string path, bool expected)
    {
        RequestAttributes.IsSubpath(subpath, path).ShouldBe(expected);
    }
}
