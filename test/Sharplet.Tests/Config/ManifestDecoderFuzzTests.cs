using System.Globalization;
using System.Text;
using CsCheck;
using Sharplet.Config;

namespace Sharplet.Tests.Config;

// The fuzz target of the manifest decoder (YAML or JSON → Pod → defaults → static pod identity → validation),
// in-process with CsCheck: inputs are the committed corpus (Config/ManifestCorpus) mutated with YAML's and
// JSON's structural tokens. SharpFuzz+AFL would need an instrumented build and afl-fuzz in CI; CsCheck runs in the
// unit tests, is seeded (a failure prints the seed that replays it) and shrinks the input it found.
// SHARPLET_FUZZ_SECONDS sets the budget (default 20 s; CI uses the default).
[Collection(FuzzCollection.Name)]
public sealed class ManifestDecoderFuzzTests
{
    private const string File = "/etc/kubernetes/manifests/fuzz.yaml";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tokens =
    [
        "[", "]", "{", "}", ":", ": ", ", ", "- ", "-", "&a ", "*a", "<<: *a\n", "!!binary ", "!!int ", "!!str ", "'", "\"", "\n", "\r\n",
        "\t", "  ", "    ", "# c\n", "---\n", "...\n", "|\n", ">-\n", "~", "null", "true", "no", "0x1F", "0o17", "1e400", "-1", ".inf",
        "9223372036854775808", "2147483648", "1.5Gi", "100m", "?", "@", "`", "%YAML 1.1\n", "\uFEFF", "\u0000", "é", "☃", "\\u0000",
        "\\", "containers", "image", "env", "name: x\n", "kind: PodList\n", "apiVersion: v1\n", "items: [", "spec:\n  ", "valueFrom",
        "\"$(A)\"", "hostPath", "volumes", "ports", "containerPort: 0", "{\"a\":", "[[[[[[[[[[", "]]]]]]]]]]",
    ];

    private static readonly string[] Seeds = Directory
        .GetFiles(Path.Combine(AppContext.BaseDirectory, "Config", "ManifestCorpus"))
        .Order(StringComparer.Ordinal)
        .Select(System.IO.File.ReadAllText)
        .ToArray();

    private static int Budget() =>
        int.TryParse(Environment.GetEnvironmentVariable("SHARPLET_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20;

    // (kind, position, length, token): insert a token, delete, duplicate a slice, replace a character, repeat a token.
    private static readonly Gen<(int Kind, int At, int Length, int Token)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 64], Gen.Int[0, Tokens.Length - 1]);

    internal static readonly Gen<string> Input =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutation.Array[0, 6], (seed, mutations) => Mutate(Seeds[seed], mutations));

    private static string Mutate(string seed, (int Kind, int At, int Length, int Token)[] mutations)
    {
        var text = new StringBuilder(seed);
        foreach (var (kind, at, length, token) in mutations)
        {
            var pos = text.Length == 0 ? 0 : at % text.Length;
            var len = Math.Min(length, text.Length - pos);
            switch (kind)
            {
                case 0:
                    text.Insert(pos, Tokens[token]);
                    break;
                case 1:
                    text.Remove(pos, len);
                    break;
                case 2:
                    text.Insert(pos, text.ToString(pos, len));
                    break;
                case 3 when len > 0:
                    text.Remove(pos, 1).Insert(pos, Tokens[token]);
                    break;
                default:
                    text.Insert(pos, string.Concat(Enumerable.Repeat(Tokens[token], 1 + (length * 3))));
                    break;
            }
        }

        return text.ToString();
    }

    [Fact]
    public void Corpus_IsCommittedAndDecodes()
    {
        Seeds.Length.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var seed in Seeds)
        {
            ManifestDecoder.Decode(File, seed, "node-1", Now);
        }
    }

    [Fact]
    public void MutatedManifests_NeverThrow_AndEveryProblemNamesTheFile() =>
        Input.Sample(
            text =>
            {
                var result = ManifestDecoder.Decode(File, text, "node-1", Now);
                foreach (var error in result.Errors)
                {
                    error.ShouldStartWith(File);
                }

                foreach (var pod in result.Pods)
                {
                    PodRoundTrip.Check(pod);
                }
            },
            iter: long.MaxValue,
            time: Budget(),
            threads: 1);
}
