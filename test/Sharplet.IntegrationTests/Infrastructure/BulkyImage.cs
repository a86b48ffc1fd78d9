using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Sharplet.IntegrationTests.Infrastructure;

// A throwaway image of a given size in the local registry: one uncompressed layer holding one file of
// pseudo-random bytes (from a fixed seed, so a second push is the same image and the registry keeps one copy).
// scripts/local-node's images are about 1 MB, too small for a filesystem-pressure test to notice their removal.
internal static class BulkyImage
{
    public static async Task<string> PushAsync(string repository, int seed, int megabytes)
    {
        var reference = $"{LocalNode.Registry}/{repository}:latest";
        var layout = Path.Combine(Path.GetTempPath(), $"sharplet-bulky-{repository}-{Guid.NewGuid():N}");
        var blobs = Path.Combine(layout, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        try
        {
            var layer = Path.Combine(layout, "layer.tar");
            await using (var file = File.Create(layer))
            await using (var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false))
            {
                var bytes = new byte[megabytes << 20];
                new Random(seed).NextBytes(bytes);
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "bulk") { DataStream = new MemoryStream(bytes), ModificationTime = DateTimeOffset.UnixEpoch };
                await tar.WriteEntryAsync(entry);
            }

            var (layerDigest, layerSize) = await AddAsync(blobs, layer);
            var config = $$$"""{"architecture":"{{{Arch()}}}","os":"linux","config":{"Cmd":["/bin/true"]},"rootfs":{"type":"layers","diff_ids":["{{{layerDigest}}}"]}}""";
            var (configDigest, configSize) = await AddTextAsync(blobs, config);
            var manifest = $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{configDigest}}}","size":{{{configSize}}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{{{layerDigest}}}","size":{{{layerSize}}}}]}""";
            var (manifestDigest, manifestSize) = await AddTextAsync(blobs, manifest);
            await File.WriteAllTextAsync(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
            await File.WriteAllTextAsync(Path.Combine(layout, "index.json"),
                $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{manifestDigest}}}","size":{{{manifestSize}}},"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}""");
            await Command.OkAsync("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:latest", $"docker://{reference}");
            return reference;
        }
        finally
        {
            Directory.Delete(layout, recursive: true);
        }
    }

    private static string Arch() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"no OCI architecture name for {other}"),
    };

    private static async Task<(string Digest, long Size)> AddAsync(string blobs, string file)
    {
        string hex;
        await using (var stream = File.OpenRead(file))
        {
            hex = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        }

        var size = new FileInfo(file).Length;
        File.Move(file, Path.Combine(blobs, hex));
        return ("sha256:" + hex, size);
    }

    private static async Task<(string Digest, long Size)> AddTextAsync(string blobs, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await File.WriteAllBytesAsync(Path.Combine(blobs, hex), bytes);
        return ("sha256:" + hex, bytes.Length);
    }
}
