using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Events;
using Sharplet.KubeContainer;
using Sharplet.Pods;
using Sharplet.Util;
using Container = Sharplet.Api.Container;

namespace Sharplet.Images;

// Makes sure a container's image is on the node before it is created, following imagePullPolicy, and backs
// off per pod and image after failed pulls, with upstream's reasons and event texts. Note that a CRI pull always
// asks a registry, even for an image that is already there: IfNotPresent and Never look first.
internal sealed partial class ImageManager : IDisposable
{
    private readonly IImageService images;
    private readonly PullSecretReader pullSecrets;
    private readonly CredentialedPull puller;
    private readonly IEventRecorder events;
    private readonly Backoff backoff;
    private readonly SemaphoreSlim pullSlots;
    private readonly TimeProvider time;
    private readonly ILogger<ImageManager> logger;

    public ImageManager(IImageService images, IPodObjectSource objects, IEventRecorder events, ImageManagerOptions options, TimeProvider time, ILogger<ImageManager> logger)
    {
        this.images = images;
        pullSecrets = new PullSecretReader(objects);
        puller = new CredentialedPull(images);
        this.events = events;
        this.time = time;
        this.logger = logger;
        backoff = new Backoff(options.PullBackoff, time);
        var slots = options.SerializeImagePulls ? 1 : Math.Max(1, options.MaxParallelImagePulls);
        pullSlots = new SemaphoreSlim(slots, slots);
    }

    public async Task<ImagePullResult> EnsureImageAsync(Pod pod, Container container, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        var image = container.Image ?? string.Empty;
        if (ImageReference.ApplyDefaultTag(image) is not { } withTag)
        {
            var invalid = $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format";
            events.Record(pod, EventTypes.Warning, ImageReasons.InvalidImageName, invalid, FieldPath(pod, container));
            return ImagePullResult.Failure(ImageReasons.InvalidImageName, invalid);
        }

        var spec = new ImageSpec { Image = withTag };
        Image? present;
        try
        {
            present = await images.ImageStatusAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            var message = $"Failed to inspect image \"{image}\": {ex.Status.Detail}";
            events.Record(pod, EventTypes.Warning, EventReasons.InspectFailed, message, FieldPath(pod, container));
            return ImagePullResult.Failure(ImageReasons.ErrImageInspect, message);
        }

        var policy = container.ImagePullPolicy ?? PullPolicy.IfNotPresent;
        var mustPull = policy == PullPolicy.Always || (policy == PullPolicy.IfNotPresent && present is null);
        if (!mustPull)
        {
            if (present is not null)
            {
                events.Record(pod, EventTypes.Normal, EventReasons.Pulled, $"Container image \"{image}\" already present on machine", FieldPath(pod, container));
                return ImagePullResult.Success(present.Id);
            }

            var never = $"Container image \"{image}\" is not present with pull policy of Never";
            events.Record(pod, EventTypes.Warning, EventReasons.ErrImageNeverPull, never, FieldPath(pod, container));
            return ImagePullResult.Failure(ImageReasons.ErrImageNeverPull, never);
        }

        var key = $"{pod.Metadata?.Uid}_{image}";
        if (backoff.IsInBackOffSinceUpdate(key))
        {
            var message = $"Back-off pulling image \"{image}\"";
            events.Record(pod, EventTypes.Normal, EventReasons.BackOff, message, FieldPath(pod, container));
            return ImagePullResult.Failure(ImageReasons.ImagePullBackOff, message);
        }

        return await PullAsync(pod, container, image, spec, sandboxConfig, key, cancellationToken).ConfigureAwait(false);
    }

    // When the next pull of this pod's image may happen, for the worker's requeue.
    public TimeSpan? BackoffRemaining(Pod pod, string image) => backoff.Current($"{pod.Metadata?.Uid}_{image}");

    public void Dispose() => pullSlots.Dispose();

    public void ForgetPod(string podUid) => backoff.ResetWhere(key => key.StartsWith(podUid + "_", StringComparison.Ordinal));

    private async Task<ImagePullResult> PullAsync(Pod pod, Container container, string image, ImageSpec spec, PodSandboxConfig? sandboxConfig, string key, CancellationToken cancellationToken)
    {
        events.Record(pod, EventTypes.Normal, EventReasons.Pulling, $"Pulling image \"{image}\"", FieldPath(pod, container));
        PodPullCredentials credentials;
        try
        {
            credentials = await pullSecrets.ReadAsync(pod, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            return PullFailed(pod, container, image, key, ex.Message);
        }

        if (credentials.Unavailable.Count > 0)
        {
            events.Record(pod, EventTypes.Warning, EventReasons.FailedToRetrieveImagePullSecret,
                $"Unable to retrieve some image pull secrets ({string.Join(", ", credentials.Unavailable)}); attempting to pull the image may not succeed.");
        }

        var waitStart = time.GetTimestamp();
        await pullSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pullStart = time.GetTimestamp();
            var imageRef = await puller.PullAsync(image, spec, credentials, sandboxConfig, cancellationToken).ConfigureAwait(false);
            var pulled = time.GetElapsedTime(pullStart);
            var total = time.GetElapsedTime(waitStart);
            backoff.Reset(key);
            events.Record(pod, EventTypes.Normal, EventReasons.Pulled,
                $"Successfully pulled image \"{image}\" in {Seconds(pulled)} ({Seconds(total)} including waiting)", FieldPath(pod, container));
            LogPulled(logger, image, pulled.TotalMilliseconds);
            return ImagePullResult.Success(imageRef);
        }
        catch (ImagePullException ex)
        {
            return PullFailed(pod, container, image, key, ex.Message);
        }
        finally
        {
            pullSlots.Release();
        }
    }

    private ImagePullResult PullFailed(Pod pod, Container container, string image, string key, string detail)
    {
        backoff.Next(key);
        var message = $"Failed to pull image \"{image}\": {detail}";
        events.Record(pod, EventTypes.Warning, EventReasons.Failed, message, FieldPath(pod, container));
        return ImagePullResult.Failure(ImageReasons.ErrImagePull, message);
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s";

    // Upstream names the container's place in the spec (an init container's events go to spec.initContainers).
    private static string FieldPath(Pod pod, Container container) => ContainerFieldPath.Of(pod, container.Name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled image {Image} in {Milliseconds:0} ms")]
    private static partial void LogPulled(ILogger logger, string image, double milliseconds);
}
