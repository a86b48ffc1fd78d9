using System.Text;
using Sharplet.Api;
using Sharplet.Images;

namespace Sharplet.Tests.Images;

// upstream credentialprovider/secrets MakeDockerKeyring and DockerConfigEntry's unmarshalling.
public sealed class DockerConfigSecretsTests
{
    private static Secret Secret(string type, string key, string json) => new()
    {
        Metadata = new ObjectMeta { Name = "regcred", Namespace = "app" },
        Type = type,
        Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(json) },
    };

    private static DockerKeyring Read(Secret secret)
    {
        var keyring = new DockerKeyring();
        DockerConfigSecrets.AddTo(keyring, secret);
        return keyring;
    }

    [Fact]
    public void DockerConfigJson_AuthField_WinsOverUsernameAndPassword()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:p:ss"));
        var secret = Secret(SecretType.DockerConfigJson, ".dockerconfigjson",
            "{\"auths\":{\"127.0.0.1:5001\":{\"username\":\"ignored\",\"password\":\"ignored\",\"auth\":\"" + auth + "\"}}}");

        var found = Read(secret).Lookup("127.0.0.1:5001/private/app").ShouldHaveSingleItem();

        found.ShouldBe(new RegistryCredential("robot", "p:ss", string.Empty, "app/regcred"));
    }

    [Fact]
    public void UnpaddedAuth_IsDecodedToo()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("ab:c")).TrimEnd('=');
        var secret = Secret(SecretType.DockerConfigJson, ".dockerconfigjson", "{\"auths\":{\"r.example\":{\"auth\":\"" + auth + "\"}}}");

        Read(secret).Lookup("r.example/x").ShouldHaveSingleItem().Password.ShouldBe("c");
    }

    [Fact]
    public void Dockercfg_IsTheEntriesThemselves()
    {
        var secret = Secret(SecretType.DockerConfig, ".dockercfg", """{"https://r.example/v1/":{"username":"u","password":"p","email":"e@x"}}""");

        Read(secret).Lookup("r.example/x").ShouldHaveSingleItem().ShouldBe(new RegistryCredential("u", "p", "e@x", "app/regcred"));
    }

    [Theory]
    [InlineData(SecretType.Opaque, ".dockerconfigjson")]
    [InlineData(SecretType.DockerConfigJson, ".dockercfg")]
    [InlineData(SecretType.DockerConfig, ".dockerconfigjson")]
    public void WrongTypeOrKey_IsIgnored(string type, string key)
    {
        Read(Secret(type, key, """{"auths":{"r.example":{"username":"u","password":"p"}}}""")).IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData("{not json", "image pull secret app/regcred: invalid .dockerconfigjson:")]
    [InlineData("""{"auths":{"r.example":{"auth":"bm9jb2xvbg=="}}}""", "image pull secret app/regcred: invalid .dockerconfigjson: entry \"r.example\": unable to parse auth field, must be formatted as base64(username:password)")]
    [InlineData("""{"auths":{"r.example":{"username":7}}}""", "image pull secret app/regcred: invalid .dockerconfigjson: \"username\" is not a string")]
    [InlineData("""{"auths":[]}""", "image pull secret app/regcred: invalid .dockerconfigjson: the registry entries are not a JSON object")]
    public void Malformed_FailsNamingTheSecret(string json, string message)
    {
        Should.Throw<FormatException>(() => Read(Secret(SecretType.DockerConfigJson, ".dockerconfigjson", json))).Message.ShouldStartWith(message);
    }
}
