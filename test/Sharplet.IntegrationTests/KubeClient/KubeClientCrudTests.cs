using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.KubeClient;

// Create, read, update, patch, list and delete against the real API server as the admin, and the typed
// errors (404, 409) it answers.
public sealed class KubeClientCrudTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private string ns = string.Empty;

    public async Task InitializeAsync() => ns = await TestApiServer.CreateNamespaceAsync(admin, "kc-crud");

    public Task DisposeAsync()
    {
        admin.Dispose();
        return Task.CompletedTask;
    }

    private static ConfigMap ConfigMap(string name, string value) =>
        new() { Metadata = new ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["key"] = value } };

    [Fact]
    public async Task ConfigMap_CreateGetUpdateDelete_RoundTrips()
    {
        var created = await admin.CreateAsync(KubeResources.ConfigMaps, ns, ConfigMap("cm", "one"), CancellationToken.None);
        created.Metadata!.Uid.ShouldNotBeNullOrEmpty();
        created.Metadata.Namespace.ShouldBe(ns);

        var read = await admin.GetAsync(KubeResources.ConfigMaps, ns, "cm", CancellationToken.None);
        read.Data!["key"].ShouldBe("one");

        read.Data["key"] = "two";
        var updated = await admin.UpdateAsync(KubeResources.ConfigMaps, ns, read, CancellationToken.None);
        updated.Data!["key"].ShouldBe("two");
        updated.Metadata!.ResourceVersion.ShouldNotBe(created.Metadata.ResourceVersion);

        var deleted = await admin.DeleteAsync(KubeResources.ConfigMaps, ns, "cm", null, CancellationToken.None);
        (deleted is null || deleted.Metadata!.Name == "cm").ShouldBeTrue();
        var gone = await Should.ThrowAsync<KubeApiException>(() => admin.GetAsync(KubeResources.ConfigMaps, ns, "cm", CancellationToken.None));
        gone.IsNotFound.ShouldBeTrue();
    }

    [Fact]
    public async Task Get_Missing_Is404NotFoundWithTheServersMessage()
    {
        var ex = await Should.ThrowAsync<KubeApiException>(() => admin.GetAsync(KubeResources.Pods, ns, "nope", CancellationToken.None));

        ex.Code.ShouldBe(404);
        ex.Reason.ShouldBe(StatusReason.NotFound);
        ex.Method.ShouldBe("GET");
        ex.Path.ShouldBe($"/api/v1/namespaces/{ns}/pods/nope");
        ex.Message.ShouldBe($"GET /api/v1/namespaces/{ns}/pods/nope: 404 NotFound: pods \"nope\" not found.");
    }

    [Fact]
    public async Task Create_Twice_Is409AlreadyExists()
    {
        await admin.CreateAsync(KubeResources.ConfigMaps, ns, ConfigMap("dup", "x"), CancellationToken.None);

        var ex = await Should.ThrowAsync<KubeApiException>(() => admin.CreateAsync(KubeResources.ConfigMaps, ns, ConfigMap("dup", "y"), CancellationToken.None));

        ex.Code.ShouldBe(409);
        ex.Reason.ShouldBe(StatusReason.AlreadyExists);
        ex.IsAlreadyExists.ShouldBeTrue();
        ex.Method.ShouldBe("POST");
    }

    [Fact]
    public async Task Update_WithAStaleResourceVersion_Is409Conflict()
    {
        var created = await admin.CreateAsync(KubeResources.ConfigMaps, ns, ConfigMap("cas", "1"), CancellationToken.None);
        var stale = await admin.GetAsync(KubeResources.ConfigMaps, ns, "cas", CancellationToken.None);
        created.Data!["key"] = "2";
        await admin.UpdateAsync(KubeResources.ConfigMaps, ns, created, CancellationToken.None);

        stale.Data!["key"] = "3";
        var ex = await Should.ThrowAsync<KubeApiException>(() => admin.UpdateAsync(KubeResources.ConfigMaps, ns, stale, CancellationToken.None));

        ex.IsConflict.ShouldBeTrue();
        ex.Reason.ShouldBe(StatusReason.Conflict);
        ex.Method.ShouldBe("PUT");
    }

    [Fact]
    public async Task Delete_WithAUidPreconditionThatDoesNotMatch_Is409AndKeepsTheObject()
    {
        await admin.CreateAsync(KubeResources.ConfigMaps, ns, ConfigMap("guarded", "x"), CancellationToken.None);
        var options = new DeleteOptions { Preconditions = new Preconditions { Uid = Guid.NewGuid().ToString() } };

        var ex = await Should.ThrowAsync<KubeApiException>(() => admin.DeleteAsync(KubeResources.ConfigMaps, ns, "guarded", options, CancellationToken.None));

        ex.Code.ShouldBe(409);
        ex.Reason.ShouldBe(StatusReason.Conflict);
        ex.Method.ShouldBe("DELETE");
        ex.Message.ShouldContain($"the UID in the precondition ({options.Preconditions.Uid}) does not match the UID in record");
        (await admin.GetAsync(KubeResources.ConfigMaps, ns, "guarded", CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Delete_WithTheMatchingUid_Deletes()
    {
        var created = await admin.CreateAsync(KubeResources.ConfigMaps, ns, ConfigMap("uidok", "x"), CancellationToken.None);
        var options = new DeleteOptions { Preconditions = new Preconditions { Uid = created.Metadata!.Uid, ResourceVersion = created.Metadata.ResourceVersion } };

        await admin.DeleteAsync(KubeResources.ConfigMaps, ns, "uidok", options, CancellationToken.None);

        (await Should.ThrowAsync<KubeApiException>(() => admin.GetAsync(KubeResources.ConfigMaps, ns, "uidok", CancellationToken.None))).IsNotFound.ShouldBeTrue();
    }

    [Fact]
    public async Task Pod_CreatePatchAndDeleteWithGracePeriodZero()
    {
        var pod = await admin.CreateAsync(KubeResources.Pods, ns, TestApiServer.TestPod("web", ns, "kc-crud-node", new() { ["app"] = "web" }), CancellationToken.None);
        pod.Spec!.NodeName.ShouldBe("kc-crud-node");

        var merged = await admin.PatchAsync(KubeResources.Pods, ns, "web", KubePatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tier"] = "front" } } }), CancellationToken.None);
        merged.Metadata!.Labels.ShouldBe(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, ignoreOrder: true);

        var strategic = await admin.PatchAsync(KubeResources.Pods, ns, "web", KubePatch.StrategicMerge(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["a"] = "1" } } }), CancellationToken.None);
        strategic.Metadata!.Annotations!["a"].ShouldBe("1");

        var json = await admin.PatchAsync(KubeResources.Pods, ns, "web", KubePatch.Json([new JsonPatchOperation("remove", "/metadata/labels/tier")]), CancellationToken.None);
        json.Metadata!.Labels!.ContainsKey("tier").ShouldBeFalse();

        var status = await admin.PatchStatusAsync(KubeResources.Pods, ns, "web", KubePatch.Merge(new JsonObject { ["status"] = new JsonObject { ["phase"] = "Running" } }), CancellationToken.None);
        status.Status!.Phase.ShouldBe("Running");

        await admin.DeleteAsync(KubeResources.Pods, ns, "web", new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);
        (await Should.ThrowAsync<KubeApiException>(() => admin.GetAsync(KubeResources.Pods, ns, "web", CancellationToken.None))).IsNotFound.ShouldBeTrue();
    }

    [Fact]
    public async Task List_BySelectorAndInPages()
    {
        for (var i = 0; i < 5; i++)
        {
            var labels = new Dictionary<string, string> { ["batch"] = "b1", ["parity"] = i % 2 == 0 ? "even" : "odd" };
            await admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap { Metadata = new ObjectMeta { Name = $"item-{i}", Labels = labels } }, CancellationToken.None);
        }

        var even = await admin.ListAsync(KubeLists.ConfigMaps, ns, new ListOptions(LabelSelector: "batch=b1,parity=even"), CancellationToken.None);
        even.Items!.Select(c => c.Metadata!.Name).ShouldBe(["item-0", "item-2", "item-4"], ignoreOrder: true);

        var firstPage = await admin.ListAsync(KubeLists.ConfigMaps, ns, new ListOptions(LabelSelector: "batch=b1", Limit: 2), CancellationToken.None);
        firstPage.Items!.Count.ShouldBe(2);
        firstPage.Metadata!.Continue.ShouldNotBeNullOrEmpty();

        var all = await admin.ListAllAsync(KubeLists.ConfigMaps, ns, new ListOptions(LabelSelector: "batch=b1", Limit: 2), CancellationToken.None);
        all.Items.Select(c => c.Metadata!.Name).ShouldBe(["item-0", "item-1", "item-2", "item-3", "item-4"], ignoreOrder: true);
        all.ResourceVersion.ShouldNotBeNullOrEmpty();

        var byName = await admin.ListAsync(KubeLists.ConfigMaps, ns, new ListOptions(FieldSelector: "metadata.name=item-3"), CancellationToken.None);
        byName.Items.ShouldHaveSingleItem().Metadata!.Name.ShouldBe("item-3");
    }
}
