using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Sharplet.Api.Defaulting;

/// <summary>
/// A container image reference split the way the distribution/reference library does it, normalized
/// like CRI runtimes and upstream's parsers.ParseImageName: <c>busybox</c> is
/// <c>docker.io/library/busybox</c> with the implied tag <c>latest</c>.
/// </summary>
/// <param name="Registry">The registry host, with its port if one was given (<c>docker.io</c>, <c>127.0.0.1:5000</c>).</param>
/// <param name="Repository">The path inside the registry (<c>library/busybox</c>).</param>
/// <param name="Tag">The tag as written, or null when the reference has none.</param>
/// <param name="Digest">The digest as written (<c>sha256:…</c>), or null.</param>
internal sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DefaultRegistry = "docker.io";

    public const string DefaultTag = "latest";

    private const string LegacyDefaultRegistry = "index.docker.io";
    private const string OfficialRepositoryPrefix = "library/";
    private const int RepositoryMaxLength = 255;

    // The grammar of distribution/reference (regexp.go), anchored with \A and \z because .NET's $
    // also matches before a trailing newline.
    private const string DomainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainName = DomainNameComponent + @"(?:\." + DomainNameComponent + ")*";
    private const string Host = "(?:" + DomainName + @"|\[(?:[a-fA-F0-9:]+)\])";
    private const string DomainAndPort = Host + "(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    private const string TagPattern = "[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";

    /// <summary>The registry and repository: <c>docker.io/library/busybox</c>.</summary>
    public string Name => Registry + "/" + Repository;

    /// <summary>
    /// The tag upstream's ParseImageName reports: the written tag, or <c>latest</c> when the
    /// reference has neither a tag nor a digest; null for a digest-only reference.
    /// </summary>
    public string? EffectiveTag => Tag ?? (Digest is null ? DefaultTag : null);

    /// <summary>Whether pulling this reference is what upstream calls ":latest" (it decides the default pull policy).</summary>
    public bool IsLatest => string.Equals(EffectiveTag, DefaultTag, StringComparison.Ordinal);

    /// <summary>Parses an image reference; throws <see cref="FormatException"/> with distribution/reference's reason.</summary>
    public static ImageReference Parse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return TryParse(image, out var reference, out var error)
            ? reference
            : throw new FormatException($"couldn't parse image name \"{image}\": {error}");
    }

    public static bool TryParse([NotNullWhen(true)] string? image, [NotNullWhen(true)] out ImageReference? reference) =>
        TryParse(image, out reference, out _);

    /// <summary>ParseNormalizedNamed: familiar names are expanded to the docker.io registry and library/ namespace.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? image,
        [NotNullWhen(true)] out ImageReference? reference,
        [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(image))
        {
            error = "repository name must have at least one component";
            return false;
        }

        if (IdentifierRegex().IsMatch(image))
        {
            error = $"invalid repository name ({image}), cannot specify 64-byte hexadecimal strings";
            return false;
        }

        var (domain, remainder) = SplitDomain(image);
        var tagSeparator = remainder.IndexOf(':', StringComparison.Ordinal);
        var remote = tagSeparator >= 0 ? remainder[..tagSeparator] : remainder;
        if (!string.Equals(remote.ToLowerInvariant(), remote, StringComparison.Ordinal))
        {
            error = $"invalid reference format: repository name ({remote}) must be lowercase";
            return false;
        }

        var text = domain + "/" + remainder;
        var match = ReferenceRegex().Match(text);
        if (!match.Success)
        {
            var lower = text.ToLowerInvariant();
            error = !string.Equals(lower, text, StringComparison.Ordinal) && ReferenceRegex().IsMatch(lower)
                ? "repository name must be lowercase"
                : "invalid reference format";
            return false;
        }

        var name = NameRegex().Match(match.Groups[1].Value);
        var path = name.Groups[2].Value;
        if (path.Length > RepositoryMaxLength)
        {
            error = $"repository name must not be more than {RepositoryMaxLength} characters";
            return false;
        }

        var digest = match.Groups[3].Success ? match.Groups[3].Value : null;
        if (digest is not null && !IsSupportedDigest(digest, out error))
        {
            return false;
        }

        var tag = match.Groups[2].Success ? match.Groups[2].Value : null;
        reference = new ImageReference(name.Groups[1].Value, path, tag, digest);
        error = null;
        return true;
    }

    /// <summary>
    /// Upstream's applyDefaultImageTag (image manager): appends <c>:latest</c> to a reference with
    /// neither tag nor digest, without qualifying it, so the runtime sees <c>busybox:latest</c>.
    /// Returns null when the reference does not parse.
    /// </summary>
    public static string? ApplyDefaultTag(string image)
    {
        if (!TryParse(image, out var reference))
        {
            return null;
        }

        var tag = reference.EffectiveTag;
        return reference.Digest is null && tag is not null && !image.EndsWith(":" + tag, StringComparison.Ordinal)
            ? image + ":" + tag
            : image;
    }

    /// <summary>The normalized reference, tag made explicit: <c>docker.io/library/busybox:latest</c>.</summary>
    public override string ToString()
    {
        var text = Name;
        if (EffectiveTag is { } tag)
        {
            text += ":" + tag;
        }

        return Digest is null ? text : text + "@" + Digest;
    }

    // splitDockerDomain: the first path element is a registry only if it looks like a host
    // (has '.' or ':', is localhost, or is not lowercase); everything else lives on Docker Hub.
    private static (string Domain, string Remainder) SplitDomain(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (DefaultRegistry, OfficialRepositoryPrefix + image);
        }

        var maybeDomain = image[..slash];
        var maybeRemainder = image[(slash + 1)..];
        string domain, remainder;
        if (maybeDomain == LegacyDefaultRegistry)
        {
            (domain, remainder) = (DefaultRegistry, maybeRemainder);
        }
        else if (maybeDomain == "localhost" || maybeDomain.AsSpan().IndexOfAny('.', ':') >= 0 ||
            !string.Equals(maybeDomain.ToLowerInvariant(), maybeDomain, StringComparison.Ordinal))
        {
            (domain, remainder) = (maybeDomain, maybeRemainder);
        }
        else
        {
            (domain, remainder) = (DefaultRegistry, image);
        }

        if (domain == DefaultRegistry && !remainder.Contains('/', StringComparison.Ordinal))
        {
            remainder = OfficialRepositoryPrefix + remainder;
        }

        return (domain, remainder);
    }

    // go-digest's Validate for the algorithms a kubelet build registers.
    private static bool IsSupportedDigest(string digest, [NotNullWhen(false)] out string? error)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var encoded = digest[(colon + 1)..];
        int? length = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => null,
        };
        if (length is null)
        {
            error = "unsupported digest algorithm";
            return false;
        }

        if (encoded.Length != length || !LowerHexRegex().IsMatch(encoded))
        {
            error = encoded.Length != length ? "invalid checksum digest length" : "invalid checksum digest format";
            return false;
        }

        error = null;
        return true;
    }

    [GeneratedRegex(@"\A[a-f0-9]{64}\z")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"\A[a-f0-9]+\z")]
    private static partial Regex LowerHexRegex();

    [GeneratedRegex(@"\A((?:" + DomainAndPort + "/)?" + RemoteName + ")(?::(" + TagPattern + "))?(?:@(" + DigestPattern + @"))?\z")]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex(@"\A(?:(" + DomainAndPort + ")/)?(" + RemoteName + @")\z")]
    private static partial Regex NameRegex();
}
