using Sharplet.Api;

namespace Sharplet.Config;

internal sealed record PodChange(PodOperation Operation, Pod Pod, string Source);
