using System.Globalization;
using System.Security.Cryptography;
using Sharplet.Util;

namespace Sharplet.Certificate;

/// <summary>
/// Upstream's certificate file store (client-go util/certificate): each issued pair is written once as
/// <c>&lt;prefix&gt;-&lt;yyyy-MM-dd-HH-mm-ss&gt;.pem</c> (certificate then key, mode 0600) and
/// <c>&lt;prefix&gt;-current.pem</c> is a symlink to the newest, swapped by rename so a reader never sees a
/// missing or half-written pair. Without a current pair, the configured certFile/keyFile (tlsCertFile) are used.
/// </summary>
internal sealed class CertificateFileStore(string prefix, string directory, string? certFile = null, string? keyFile = null)
{
    public string Directory { get; } = directory;

    public string CurrentPath => Path.Combine(Directory, prefix + "-current.pem");

    /// <summary>The current pair, or null when there is none (or it cannot be read: the caller requests a new one).</summary>
    public CertificatePair? Current(out string? problem)
    {
        problem = null;
        if (File.Exists(CurrentPath))
        {
            return Read(CurrentPath, CurrentPath, out problem);
        }

        if (!string.IsNullOrEmpty(certFile) && !string.IsNullOrEmpty(keyFile) && File.Exists(certFile) && File.Exists(keyFile))
        {
            return Read(certFile, keyFile, out problem);
        }

        return null;
    }

    /// <summary>Writes a new pair and points the current symlink at it; returns the new file.</summary>
    public string Update(string certPem, string keyPem, DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{now.UtcDateTime:yyyy-MM-dd-HH-mm-ss}.pem");
        var path = Path.Combine(Directory, name);
        var temp = path + ".tmp";

        // Created 0600 before the key is written: the key is never readable by others, not even for a moment.
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(certPem.TrimEnd() + "\n");
            writer.Write(keyPem.TrimEnd() + "\n");
        }

        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);

        // A new symlink under a temporary name, renamed over the current one: rename(2) is atomic.
        var updated = Path.Combine(Directory, prefix + "-updated.pem");
        File.Delete(updated);
        File.CreateSymbolicLink(updated, path);
        File.Move(updated, CurrentPath, overwrite: true);
        return path;
    }

    private static CertificatePair? Read(string certPath, string keyPath, out string? problem)
    {
        try
        {
            problem = null;
            return PemCertificate.Load(File.ReadAllText(certPath), File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problem = $"{certPath}: {ex.Message}";
            return null;
        }
    }
}
