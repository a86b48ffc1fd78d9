using System.Net.Security;
using System.Security.Authentication;

namespace Sharplet.Server;

// tlsMinVersion and tlsCipherSuites in Go's spelling, mapped to .NET's. An unknown name is an error naming it.
internal static class TlsSettings
{
    public static SslProtocols Protocols(string? minVersion) => minVersion switch
    {
        null or "" or "VersionTLS12" => SslProtocols.Tls12 | SslProtocols.Tls13,
        "VersionTLS13" => SslProtocols.Tls13,
#pragma warning disable CA5397, SYSLIB0039 // the operator asked for it, as upstream allows
        "VersionTLS10" => SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
        "VersionTLS11" => SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
#pragma warning restore CA5397, SYSLIB0039
        _ => throw new InvalidOperationException($"tlsMinVersion (--tls-min-version) \"{minVersion}\" is not one of VersionTLS10, VersionTLS11, VersionTLS12, VersionTLS13"),
    };

    public static CipherSuitesPolicy? CipherSuites(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return null;
        }

        var suites = new List<TlsCipherSuite>();
        foreach (var name in names)
        {
            suites.Add(Enum.TryParse<TlsCipherSuite>(name, ignoreCase: false, out var suite) && !int.TryParse(name, out _)
                ? suite
                : throw new InvalidOperationException($"tlsCipherSuites (--tls-cipher-suites): unknown cipher suite \"{name}\""));
        }

        // TLS 1.3's suites are not configurable in Go; keep them so a TLS 1.3 handshake still has one.
        suites.AddRange([TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256]);
        return new CipherSuitesPolicy(suites.Distinct());
    }
}
