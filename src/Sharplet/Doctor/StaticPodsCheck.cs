using Sharplet.Config;

namespace Sharplet.Doctor;

/// <summary>
/// The static pod manifests (--pod-manifest-path / staticPodPath), read and decoded exactly as the agent reads them:
/// a file that does not decode or validate runs none of its pods (or keeps its last good ones), which operators
/// otherwise find only in the agent's log.
/// </summary>
internal sealed class StaticPodsCheck(string? path, string nodeName, TimeProvider time) : IDoctorCheck
{
    public string Name => "static-pods";

    /// <param name="files">null when the path does not exist; else each manifest file as decoded.</param>
    public static CheckResult Judge(string? path, IReadOnlyList<ManifestFileResult>? files)
    {
        if (string.IsNullOrEmpty(path))
        {
            return CheckResult.Skipped("static-pods", "no --pod-manifest-path (staticPodPath) given");
        }

        if (files is null)
        {
            // As upstream, the agent starts anyway and picks the folder up once it appears.
            return new CheckResult("static-pods", Verdict.Warning, $"{path} does not exist", $"create {path} (or fix --pod-manifest-path) to run static pods");
        }

        var broken = files.Where(f => f.Errors.Count > 0).ToList();
        var pods = files.Sum(f => f.Pods.Count);
        if (broken.Count == 0)
        {
            return CheckResult.Ok("static-pods", $"{pods} pod(s) in {files.Count} manifest file(s) under {path} decode and validate");
        }

        // Each error names its file (and the document and field), as in the agent's log.
        var errors = broken.SelectMany(f => f.Errors).ToList();
        return new CheckResult("static-pods", Verdict.Fail,
            $"{broken.Count} of {files.Count} manifest file(s) under {path} are broken: {string.Join("; ", errors)}",
            "correct or remove the named file(s): the agent runs none of a broken file's pods (a file that was good keeps its last good pods)");
    }

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path))
        {
            return Task.FromResult(Judge(path, null));
        }

        // Off the caller's thread, so the runner's deadline holds even on a hung filesystem.
        var now = time.GetUtcNow();
        return Task.Run(() => Judge(path, StaticPodSource.Files(path)?.Select(f => StaticPodSource.ReadAndDecode(f, nodeName, now).Result).ToList()), cancellationToken)
            .WaitAsync(cancellationToken);
    }
}
