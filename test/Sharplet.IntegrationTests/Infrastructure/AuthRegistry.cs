using System.Diagnostics;
using System.Net;
using System.Text;

namespace Sharplet.IntegrationTests.Infrastructure;

// A registry that wants a password (Debian's docker-registry with htpasswd auth) on a loopback port of its own,
// holding one private image copied from the local registry with skopeo. containerd speaks plain HTTP to
// loopback registries, so no TLS is needed. Disposing stops it (by its pid) and removes its files.
internal sealed class AuthRegistry : IAsyncDisposable
{
    public const string User = "puller";

    public const string Password = "s3cret-pull";

    // bcrypt of Password (the only htpasswd format the registry reads), made once with libxcrypt; a constant so
    // the fixture needs no bcrypt implementation.
    private const string PasswordHash = "$2b$12$0CHDI.rNKLsk5EM60SsdnuIgjAvI9HuwCGnUVjipPnu.aQYj.xZji";

    private readonly Process process;
    private readonly string dir;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    private AuthRegistry(Process process, string dir, string host)
    {
        this.process = process;
        this.dir = dir;
        Host = host;
    }

    // "127.0.0.1:PORT"
    public string Host { get; }

    public string PrivateImage => $"{Host}/private/busybox:latest";

    public static async Task<AuthRegistry> StartAsync(string name)
    {
        var dir = Path.Combine("/var/tmp/sharplet-it", $"registry-{name}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(dir);
        var host = $"127.0.0.1:{SharpletNode.FreePort()}";
        await File.WriteAllTextAsync(Path.Combine(dir, "htpasswd"), $"{User}:{PasswordHash}\n");
        var config = Path.Combine(dir, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {dir}/data
            http:
              addr: {host}
              secret: {Guid.NewGuid():N}
            auth:
              htpasswd:
                realm: sharplet-test
                path: {dir}/htpasswd
            """);
        var psi = new ProcessStartInfo("docker-registry", ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(psi)!;
        var registry = new AuthRegistry(process, dir, host);

        // Read continuously, so a chatty registry never blocks on a full pipe.
        process.OutputDataReceived += (_, e) => registry.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => registry.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await registry.WaitAnswersAsync();
            await registry.CopyPrivateImageAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    // base64("user:password"), the "auth" of a docker config entry.
    public static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    // The registry answers /v2/ with 401 to a client without credentials once it listens.
    private async Task WaitAnswersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited {process.ExitCode}: {string.Join('\n', output)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Host}/v2/"), deadline.Token);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the registry must want a password");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is not null && output.Count < 200)
        {
            output.Enqueue(line);
        }
    }

    private async Task CopyPrivateImageAsync()
    {
        var psi = new ProcessStartInfo("skopeo",
        [
            "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--dest-creds", $"{User}:{Password}",
            $"docker://{LocalNode.Registry}/busybox:latest", $"docker://{PrivateImage}",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        var (code, stdout, stderr) = await Server.Kubectl.RunProcessAsync(psi, null, TimeSpan.FromSeconds(60), "skopeo copy");
        code.ShouldBe(0, $"skopeo copy into {Host}: {stdout}{stderr}");
    }
}
