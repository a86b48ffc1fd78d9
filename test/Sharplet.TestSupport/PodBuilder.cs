using Sharplet.Api;

namespace Sharplet.TestSupport;

// A small pod for decision tests: name "web" in "default" with uid "uid-1", containers added in order.
internal sealed class PodBuilder
{
    private readonly Pod pod = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "uid-1" },
        Spec = new PodSpec { Containers = [] },
    };

    public static Container NewContainer(string name, Action<Container>? configure = null)
    {
        var container = new Container { Name = name, Image = $"registry.example/{name}:1" };
        configure?.Invoke(container);
        return container;
    }

    public PodBuilder Container(string name, Action<Container>? configure = null)
    {
        pod.Spec!.Containers!.Add(NewContainer(name, configure));
        return this;
    }

    public PodBuilder Init(string name, Action<Container>? configure = null)
    {
        (pod.Spec!.InitContainers ??= []).Add(NewContainer(name, configure));
        return this;
    }

    public PodBuilder Sidecar(string name, Action<Container>? configure = null)
    {
        (pod.Spec!.InitContainers ??= []).Add(NewContainer(name, c =>
        {
            c.RestartPolicy = ContainerRestartPolicy.Always;
            configure?.Invoke(c);
        }));
        return this;
    }

    public PodBuilder RestartPolicy(string policy)
    {
        pod.Spec!.RestartPolicy = policy;
        return this;
    }

    public PodBuilder HostNetwork()
    {
        pod.Spec!.HostNetwork = true;
        return this;
    }

    public PodBuilder Spec(Action<PodSpec> configure)
    {
        configure(pod.Spec!);
        return this;
    }

    public PodBuilder Meta(Action<ObjectMeta> configure)
    {
        configure(pod.Metadata!);
        return this;
    }

    public Pod Build() => pod;

    public static Probe ExecProbe() => new() { Exec = new ExecAction { Command = ["true"] } };

    public static Dictionary<string, Quantity> Resources(params (string Name, string Value)[] items) =>
        items.ToDictionary(i => i.Name, i => Quantity.Parse(i.Value), StringComparer.Ordinal);
}
