using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.KubeRuntime;

public sealed class EnvironmentTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("env"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task Env_ValuesFieldRefsExpansionAndResources_ReachTheContainer()
    {
        node.WriteManifest("env.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: env
              labels: {tier: backend}
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo \"$GREETING|$POD_NAME|$NS|$TIER|$NODE|$POD_IP|$MEM|$(LITERAL)\" > /dev/termination-log"]
                env:
                - {name: NAME, value: world}
                - {name: GREETING, value: "hello $(NAME)"}
                - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                - {name: NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                - {name: TIER, valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}}
                - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                - {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
                resources:
                  limits: {memory: 64Mi}
            """);

        var entry = await node.WaitForAsync("env", "finished", e => e.Status.Phase is PodPhase.Succeeded or PodPhase.Failed);

        var parts = SharpletNode.Container(entry, "main").State!.Terminated!.Message!.TrimEnd('\n').Split('|');
        parts[0].ShouldBe("hello world");
        parts[1].ShouldBe(node.PodName("env"));
        parts[2].ShouldBe("default");
        parts[3].ShouldBe("backend");
        parts[4].ShouldBe(node.NodeName);
        parts[5].ShouldBe(entry.Status.PodIP);
        parts[6].ShouldBe("64");
    }

    [Fact]
    public async Task ConfigMapReference_WithoutApiServer_CreateContainerConfigErrorNamingIt()
    {
        node.WriteManifest("cm.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: cm
            spec:
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
                env:
                - {name: X, valueFrom: {configMapKeyRef: {name: settings, key: x}}}
            """);

        var entry = await node.WaitForAsync("cm", "CreateContainerConfigError",
            e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "CreateContainerConfigError");

        SharpletNode.Container(entry, "main").State!.Waiting!.Message!.ShouldContain("configmap \"settings\"");
    }
}
