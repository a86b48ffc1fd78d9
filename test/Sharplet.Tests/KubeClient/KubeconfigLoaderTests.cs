using System.Security.Cryptography.X509Certificates;
using Sharplet.KubeClient;

namespace Sharplet.Tests.KubeClient;

public sealed class KubeconfigLoaderTests(KubeconfigFixture pki) : IClassFixture<KubeconfigFixture>
{
    private static string Config(string cluster, string user, string context = "ctx", string currentContext = "current-context: ctx") => $"""
        apiVersion: v1
        kind: Config
        {currentContext}
        clusters:
        - name: c1
          cluster:
        {Indent(cluster, 4)}
        users:
        - name: u1
          user:
        {Indent(user, 4)}
        contexts:
        - name: {context}
          context:
            cluster: c1
            user: u1
            namespace: team-a
        """;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(l => new string(' ', spaces) + l));

    private string WriteConfig(string name, string yaml) => pki.Write(name, yaml);

    [Fact]
    public void Load_FileForms_ResolvesRelativePathsAgainstTheKubeconfigDirectory()
    {
        var path = WriteConfig("rel.kubeconfig", Config(
            "server: https://127.0.0.1:6443\ncertificate-authority: pki/ca.crt\ntls-server-name: api.internal",
            "client-certificate: pki/admin.crt\nclient-key: pki/admin.key"));

        var config = KubeconfigLoader.Load(path);

        config.SourcePath.ShouldBe(path);
        config.ContextName.ShouldBe("ctx");
        config.Namespace.ShouldBe("team-a");
        config.Cluster.Name.ShouldBe("c1");
        config.Cluster.Server.ShouldBe(new Uri("https://127.0.0.1:6443"));
        config.Cluster.TlsServerName.ShouldBe("api.internal");
        config.Cluster.InsecureSkipTlsVerify.ShouldBeFalse();
        config.Cluster.CertificateAuthorities!.Count.ShouldBe(1);
        config.User.Name.ShouldBe("u1");
        config.User.ClientCertificate!.Subject.ShouldBe("CN=admin, O=system:masters");
        config.User.ClientCertificate.HasPrivateKey.ShouldBeTrue();
        config.User.Token.ShouldBeNull();
    }

    [Fact]
    public void Load_DataFormsWithAnEcKey_LoadsTheCertificateWithItsKey()
    {
        var path = WriteConfig("data.kubeconfig", Config(
            $"server: https://localhost:6443\ncertificate-authority-data: {KubeconfigFixture.Base64(pki.CaPem)}",
            $"client-certificate-data: {KubeconfigFixture.Base64(pki.EcCertPem)}\nclient-key-data: {KubeconfigFixture.Base64(pki.EcKeyPem)}"));

        var config = KubeconfigLoader.Load(path);

        using var key = config.User.ClientCertificate!.GetECDsaPrivateKey();
        key.ShouldNotBeNull();
        config.User.ClientCertificate!.Subject.ShouldBe("CN=system:node:n1, O=system:nodes");
    }

    [Fact]
    public void Load_DataAndFileBothSet_TheDataWins()
    {
        var path = WriteConfig("both.kubeconfig", Config(
            $"server: https://localhost:6443\ncertificate-authority: missing.crt\ncertificate-authority-data: {KubeconfigFixture.Base64(pki.CaPem)}",
            "token: abc"));

        KubeconfigLoader.Load(path).Cluster.CertificateAuthorities!.Count.ShouldBe(1);
    }

    [Fact]
    public void Load_TokenAndTokenFile_KeepsBothWithTheFileResolved()
    {
        var path = WriteConfig("token.kubeconfig", Config("server: https://localhost:6443\ninsecure-skip-tls-verify: true", "token: static\ntokenFile: token"));

        var config = KubeconfigLoader.Load(path);

        config.Cluster.InsecureSkipTlsVerify.ShouldBeTrue();
        config.User.Token.ShouldBe("static");
        config.User.TokenFile.ShouldBe(Path.Combine(pki.Directory, "token"));
        config.User.ClientCertificate.ShouldBeNull();
    }

    [Fact]
    public void Load_ContextArgument_OverridesCurrentContext()
    {
        var path = WriteConfig("override.kubeconfig", Config("server: https://localhost:6443", "token: t", context: "other", currentContext: "current-context: nowhere"));

        KubeconfigLoader.Load(path, context: "other").ContextName.ShouldBe("other");
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(pki.Directory, "absent.kubeconfig");

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldStartWith($"Cannot read kubeconfig {path} (");
    }

    [Fact]
    public void Load_BadYaml_NamesTheFileAndThePosition()
    {
        var path = WriteConfig("bad.kubeconfig", "clusters: [\n  - name: a\n");

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldStartWith($"Kubeconfig {path} is not valid YAML (YAML error at line");
    }

    [Fact]
    public void Load_NoCurrentContext_SaysSo()
    {
        var path = WriteConfig("nocurrent.kubeconfig", Config("server: https://localhost:6443", "token: t", currentContext: string.Empty));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: no current-context is set, and no context was chosen.");
    }

    [Fact]
    public void Load_CurrentContextNotDefined_NamesItAndTheKnownOnes()
    {
        var path = WriteConfig("unknownctx.kubeconfig", Config("server: https://localhost:6443", "token: t", currentContext: "current-context: prod"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: current-context \"prod\" is not one of its contexts (it has: ctx).");
    }

    [Fact]
    public void Load_UnknownCluster_NamesContextAndCluster()
    {
        var yaml = Config("server: https://localhost:6443", "token: t").Replace("cluster: c1", "cluster: c9", StringComparison.Ordinal);
        var path = WriteConfig("unknowncluster.kubeconfig", yaml);

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: context \"ctx\" names cluster \"c9\", which is not one of its clusters (it has: c1).");
    }

    [Fact]
    public void Load_UnknownUser_NamesContextAndUser()
    {
        var yaml = Config("server: https://localhost:6443", "token: t").Replace("user: u1", "user: u9", StringComparison.Ordinal);
        var path = WriteConfig("unknownuser.kubeconfig", yaml);

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: context \"ctx\" names user \"u9\", which is not one of its users (it has: u1).");
    }

    [Fact]
    public void Load_ClusterWithoutServer_NamesTheCluster()
    {
        var path = WriteConfig("noserver.kubeconfig", Config("certificate-authority: pki/ca.crt", "token: t"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: cluster \"c1\": has no server.");
    }

    [Fact]
    public void Load_UnreadableCaFile_NamesClusterAndPath()
    {
        var path = WriteConfig("noca.kubeconfig", Config("server: https://localhost:6443\ncertificate-authority: pki/nope.crt", "token: t"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldStartWith($"Kubeconfig {path}: cluster \"c1\": cannot read certificate-authority {Path.Combine(pki.Directory, "pki/nope.crt")} (");
    }

    [Fact]
    public void Load_CaFileWithoutCertificate_SaysItHoldsNone()
    {
        pki.Write("pki/empty.crt", "not a certificate\n");
        var path = WriteConfig("emptyca.kubeconfig", Config("server: https://localhost:6443\ncertificate-authority: pki/empty.crt", "token: t"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: cluster \"c1\": certificate-authority {Path.Combine(pki.Directory, "pki/empty.crt")} holds no PEM certificate.");
    }

    [Fact]
    public void Load_UnreadableClientKey_NamesUserAndPath()
    {
        var path = WriteConfig("nokey.kubeconfig", Config("server: https://localhost:6443", "client-certificate: pki/admin.crt\nclient-key: pki/missing.key"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldStartWith($"Kubeconfig {path}: user \"u1\": cannot read client-key {Path.Combine(pki.Directory, "pki/missing.key")} (");
    }

    [Fact]
    public void Load_KeyFileWithoutAKey_SaysSo()
    {
        var path = WriteConfig("garbagekey.kubeconfig", Config("server: https://localhost:6443", "client-certificate: pki/admin.crt\nclient-key: pki/ca.crt"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: user \"u1\": client-key {Path.Combine(pki.Directory, "pki/ca.crt")} holds no readable RSA or EC private key in PEM.");
    }

    [Theory]
    [InlineData("pki/other.key")]
    [InlineData("pki/node.key")]
    public void Load_KeyNotMatchingTheCertificate_NamesBothFiles(string keyFile)
    {
        var path = WriteConfig($"mismatch-{Path.GetFileNameWithoutExtension(keyFile)}.kubeconfig", Config("server: https://localhost:6443", $"client-certificate: pki/admin.crt\nclient-key: {keyFile}"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe(
            $"Kubeconfig {path}: user \"u1\": client-key {Path.Combine(pki.Directory, keyFile)} does not match the public key of client-certificate {Path.Combine(pki.Directory, "pki/admin.crt")}.");
    }

    [Fact]
    public void Load_CertificateWithoutKey_SaysTheKeyIsMissing()
    {
        var path = WriteConfig("halfpair.kubeconfig", Config("server: https://localhost:6443", "client-certificate: pki/admin.crt"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: user \"u1\": has a client-certificate but no client-key.");
    }

    [Fact]
    public void Load_BadBase64_NamesTheField()
    {
        var path = WriteConfig("b64.kubeconfig", Config("server: https://localhost:6443\ncertificate-authority-data: '%%%'", "token: t"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: cluster \"c1\": certificate-authority-data is not valid base64.");
    }

    [Fact]
    public void Load_ExecCredentials_AreRefusedWithAReason()
    {
        var path = WriteConfig("exec.kubeconfig", Config("server: https://localhost:6443", "exec:\n  command: aws"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: user \"u1\": uses exec credentials, which Sharplet does not support (use a client certificate or a token).");
    }

    [Fact]
    public void Load_InsecureWithCa_IsAContradiction()
    {
        var path = WriteConfig("insecureca.kubeconfig", Config("server: https://localhost:6443\ninsecure-skip-tls-verify: true\ncertificate-authority: pki/ca.crt", "token: t"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: cluster \"c1\": sets both insecure-skip-tls-verify and a certificate-authority; choose one.");
    }

    [Fact]
    public void Load_UnreadableTokenFile_NamesUserAndPath()
    {
        var path = WriteConfig("notoken.kubeconfig", Config("server: https://localhost:6443", "tokenFile: secrets/absent"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldStartWith($"Kubeconfig {path}: user \"u1\": cannot read tokenFile {Path.Combine(pki.Directory, "secrets/absent")} (");
    }

    [Fact]
    public void Load_ServerThatIsNotAUrl_IsRejected()
    {
        var path = WriteConfig("badserver.kubeconfig", Config("server: 127.0.0.1:6443", "token: t"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: cluster \"c1\": server \"127.0.0.1:6443\" is not an absolute https:// (or http://) URL.");
    }

    [Fact]
    public void Load_EmptyFile_SaysItIsEmpty()
    {
        var path = WriteConfig("empty.kubeconfig", string.Empty);

        Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path)).Message.ShouldBe($"Kubeconfig {path} is empty.");
    }

    [Fact]
    public void Load_EcCertificateWithRsaKeyData_DoesNotMatch()
    {
        var path = WriteConfig("ecmismatch.kubeconfig", Config(
            "server: https://localhost:6443",
            $"client-certificate-data: {KubeconfigFixture.Base64(pki.EcCertPem)}\nclient-key-data: {KubeconfigFixture.Base64(pki.RsaKeyPem)}"));

        var ex = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Load(path));

        ex.Message.ShouldBe($"Kubeconfig {path}: user \"u1\": client-key-data does not match the public key of client-certificate-data.");
    }
}
