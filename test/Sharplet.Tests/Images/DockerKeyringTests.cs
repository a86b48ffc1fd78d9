using Sharplet.Images;

namespace Sharplet.Tests.Images;

// upstream pkg/credentialprovider keyring.go: location normalization, URLsMatch and lookup order.
public sealed class DockerKeyringTests
{
    private static RegistryCredential Cred(string user) => new(user, "pw-" + user, string.Empty, "ns/" + user);

    private static DockerKeyring Keyring(params (string Location, string User)[] entries)
    {
        var keyring = new DockerKeyring();
        foreach (var (location, user) in entries)
        {
            keyring.Add(location, Cred(user));
        }

        return keyring;
    }

    private static string[] Users(DockerKeyring keyring, string repository) => [.. keyring.Lookup(repository).Select(c => c.Username)];

    [Theory]
    [InlineData("https://index.docker.io/v1/", "index.docker.io")]
    [InlineData("http://registry.example:5000/v2/", "registry.example:5000")]
    [InlineData("registry.example/team", "registry.example/team")]
    [InlineData("https://registry.example/v2/team", "registry.example/team")]
    [InlineData("registry.example/", "registry.example")]
    public void Locations_AreNormalizedAsUpstream(string location, string key) => DockerKeyring.Key(location).ShouldBe(key);

    [Fact]
    public void HostLocation_MatchesEveryRepositoryOfThatHost_AndNoOther()
    {
        var keyring = Keyring(("127.0.0.1:5001", "a"));

        Users(keyring, "127.0.0.1:5001/private/busybox").ShouldBe(["a"]);
        Users(keyring, "127.0.0.1:5000/private/busybox").ShouldBeEmpty();
        Users(keyring, "127.0.0.1/private/busybox").ShouldBeEmpty();
    }

    [Fact]
    public void PathLocation_IsAPrefixMatch_AndMoreSpecificPathsComeFirst()
    {
        var keyring = Keyring(("quay.io", "host"), ("quay.io/team", "team"));

        Users(keyring, "quay.io/team/app").ShouldBe(["team", "host"]);
        Users(keyring, "quay.io/other/app").ShouldBe(["host"]);
    }

    [Fact]
    public void GlobHostParts_MatchOnePartEach()
    {
        var keyring = Keyring(("*.registry.example", "glob"));

        Users(keyring, "eu.registry.example/app").ShouldBe(["glob"]);
        Users(keyring, "registry.example/app").ShouldBeEmpty();
        Users(keyring, "a.eu.registry.example/app").ShouldBeEmpty();
    }

    [Fact]
    public void DockerHubCredentials_ServeFamiliarNamesOnly()
    {
        var keyring = Keyring(("https://index.docker.io/v1/", "hub"));

        Users(keyring, "docker.io/library/busybox").ShouldBe(["hub"]);
        Users(keyring, "docker.io/team/app").ShouldBe(["hub"]);
        Users(keyring, "quay.io/team/app").ShouldBeEmpty();
    }

    [Fact]
    public void SeveralCredentialsForOneLocation_AreAllTried_InTheOrderAdded()
    {
        var keyring = Keyring(("registry.example", "first"), ("https://registry.example/v1/", "second"));

        Users(keyring, "registry.example/app").ShouldBe(["first", "second"]);
    }

    [Theory]
    [InlineData("reg[0-9].example", "reg7.example/app", true)]
    [InlineData("reg[^0-9].example", "reg7.example/app", false)]
    [InlineData("r*y.example", "regy.example/app", true)]
    [InlineData("reg[.example", "reg[.example/app", false)]
    [InlineData("[::1]:5000", "[::1]:5000/app", true)]
    [InlineData("localhost:5000", "localhost:5001/app", false)]
    public void UrlsMatch_GlobsPortsAndMalformedPatterns(string glob, string repository, bool matches) =>
        RegistryUrl.Matches(glob, repository).ShouldBe(matches);
}
