namespace Sharplet.Hosting;

/// <summary>
/// Runtime settings that only an environment variable reaches, set by the executable as its first act (before
/// anything uses what they configure) unless the operator set them.
/// </summary>
public static class ProcessDefaults
{
    /// <summary>
    /// How many arrays of one size <c>ArrayPool&lt;T&gt;.Shared</c> keeps per core (the runtime's default is 32). The pool
    /// keeps every array rented at once in a burst (30 pods starting; the pooled arrays were of 16 and 32 KiB, whose
    /// renters were not traced), and on a machine without memory pressure it gives them back one per
    /// size and core per gen2 collection after a minute unused, so a burst stayed resident: a dump of the JIT agent
    /// with 30 pods held 2.1 of its 4.3 MB of live heap in pooled byte arrays. With 2, the arrays a burst needs beyond
    /// that are garbage once returned. Measured with 30 static pods (native, memtest, alternated rounds): RSS mean
    /// 36.7–37.3 → 35.3–35.8 MB; with 90 other pods in the runtime (larger relist replies) 41–48 → 36–39 MB.
    /// </summary>
    public const string ArraysPerPartitionVariable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    public const string ArraysPerPartition = "2";

    /// <summary>
    /// Sets the defaults in this process's environment. The runtime reads the variable when the shared pool is first
    /// used, so this must run before any other code of the process; a value the operator set is left as it is.
    /// </summary>
    public static void Apply() => Apply(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    internal static void Apply(Func<string, string?> get, Action<string, string> set)
    {
        if (string.IsNullOrEmpty(get(ArraysPerPartitionVariable)))
        {
            set(ArraysPerPartitionVariable, ArraysPerPartition);
        }
    }
}
