namespace Sharplet.KubeRuntime;

// A container that should restart but is held back by CrashLoopBackOff until the given time.
internal sealed record ContainerBackoffWait(string Name, DateTimeOffset Until, TimeSpan Delay);
