using System.Threading.Channels;
using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.Config;

// Merges the pod sources (the static pod folder, the API) into one stream of changes (upstream's PodConfig).
// Each source reports its whole current set; the difference against what it reported before becomes Add,
// Update and Remove. An update is only an update when something the kubelet acts on changed (spec, labels,
// annotations, deletion), so status writes and resource versions do not wake pods up.
internal sealed class PodConfig(IEnumerable<string> expectedSources)
{
    private readonly Channel<PodChange> changes = Channel.CreateUnbounded<PodChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, (Pod Pod, string Fingerprint)>> bySource = new(StringComparer.Ordinal);
    private readonly HashSet<string> expected = new(expectedSources, StringComparer.Ordinal);

    public ChannelReader<PodChange> Changes => changes.Reader;

    // True once every source has reported at least once: before that, a pod missing from the config may only be
    // not-yet-read, and housekeeping must not kill it.
    public bool AllSourcesReady
    {
        get
        {
            lock (gate)
            {
                return expected.All(bySource.ContainsKey);
            }
        }
    }

    public IReadOnlyList<Pod> Pods()
    {
        lock (gate)
        {
            return bySource.Values.SelectMany(s => s.Values.Select(v => v.Pod)).ToList();
        }
    }

    public void Set(string source, IEnumerable<Pod> pods)
    {
        lock (gate)
        {
            var before = bySource.GetValueOrDefault(source) ?? new Dictionary<string, (Pod, string)>(StringComparer.Ordinal);
            var after = new Dictionary<string, (Pod, string)>(StringComparer.Ordinal);
            foreach (var pod in pods)
            {
                var uid = pod.Metadata!.Uid!;

                // The object reported before, unchanged: both sources hand the same object again for a pod that
                // did not change (the file's cache, the API's converted copy) and never change a reported one,
                // so its fingerprint (a JSON of the spec) stands. Without this every scan re-serialised every
                // pod of the folder: one new manifest cost ~13 KB of allocations per pod already running.
                if (before.TryGetValue(uid, out var same) && ReferenceEquals(same.Pod, pod))
                {
                    after[uid] = same;
                    continue;
                }

                var fingerprint = Fingerprint(pod);
                after[uid] = (pod, fingerprint);
                if (!before.TryGetValue(uid, out var old))
                {
                    changes.Writer.TryWrite(new PodChange(PodOperation.Add, pod, source));
                }
                else if (old.Fingerprint != fingerprint)
                {
                    changes.Writer.TryWrite(new PodChange(PodOperation.Update, pod, source));
                }
            }

            foreach (var (uid, old) in before)
            {
                if (!after.ContainsKey(uid))
                {
                    changes.Writer.TryWrite(new PodChange(PodOperation.Remove, old.Pod, source));
                }
            }

            bySource[source] = after;
        }
    }

    // What the kubelet acts on, as upstream's checkAndUpdatePod compares it.
    private static string Fingerprint(Pod pod)
    {
        var meta = pod.Metadata!;
        var annotations = meta.Annotations?.Where(a => a.Key != ConfigAnnotations.Seen).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}={a.Value}");
        var labels = meta.Labels?.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}");
        return string.Join('\n',
            KubeJson.Serialize(pod.Spec!),
            string.Join(',', labels ?? []),
            string.Join(',', annotations ?? []),
            meta.DeletionTimestamp?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            meta.DeletionGracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
