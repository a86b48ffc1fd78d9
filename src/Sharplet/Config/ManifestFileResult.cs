using Sharplet.Api;

namespace Sharplet.Config;

internal sealed record ManifestFileResult(string File, IReadOnlyList<Pod> Pods, IReadOnlyList<string> Errors);
