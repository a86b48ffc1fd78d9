using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Sharplet.IntegrationTests.Infrastructure;

// A containerd of the test's own on a small ext4 filesystem (a loop-mounted image file): its root and state live
// there, and so does the node's root dir, so the image filesystem IS the node filesystem, as on a default node.
// It shares runc, the CNI plugins, network config (scripts/local-node's bridge and IP leases) and the local
// registry with the shared runtime, but nothing else: its own socket, runc root and state. It never signals the
// shared containerd. Dispose stops it, its shims, and removes every mount, the loop device and the files.
internal sealed class PrivateContainerd : IAsyncDisposable
{
    private Process? process;

    private PrivateContainerd(string dir)
    {
        Dir = dir;
        FsDir = Path.Combine(dir, "fs");
        Socket = Path.Combine(dir, "containerd.sock");
    }

    // Everything the fixture owns: the image file, the mount point, the socket, the config and the log.
    public string Dir { get; }

    // The small filesystem's mount point.
    public string FsDir { get; }

    public string Socket { get; }

    public string Endpoint => "unix://" + Socket;

    private string ImageFile => Path.Combine(Dir, "fs.img");

    private string LogFile => Path.Combine(Dir, "containerd.log");

    public static async Task<PrivateContainerd> StartAsync(string name, long sizeBytes)
    {
        var fixture = new PrivateContainerd(Path.Combine("/var/tmp/sharplet-it", $"{name}-{Guid.NewGuid().ToString("N")[..6]}"));
        try
        {
            await fixture.StartAsync(sizeBytes);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(long sizeBytes)
    {
        Directory.CreateDirectory(FsDir);
        await using (var image = File.Create(ImageFile))
        {
            image.SetLength(sizeBytes);
        }

        // No reserved blocks: the eviction test's arithmetic is on what the node can write.
        await Command.OkAsync("mkfs.ext4", "-q", "-F", "-m", "0", ImageFile);
        await Command.OkAsync("mount", "-o", "loop", ImageFile, FsDir);
        var config = Path.Combine(Dir, "containerd.toml");
        await File.WriteAllTextAsync(config, Config());
        var psi = new ProcessStartInfo("containerd", ["--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(psi)!;
        var log = File.AppendText(LogFile);
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (File.Exists(Socket) && (await Command.RunAsync("ctr", ["-a", Socket, "version"], timeout: TimeSpan.FromSeconds(10))).ExitCode == 0)
            {
                break;
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"private containerd on {Socket} did not start; log {LogFile}: {Tail()}");
            }

            await Task.Delay(100);
        }

        // The sandbox image: imported from scripts/local-node's archive, as the shared runtime has it (it cannot
        // be pulled: sharplet.local is no registry).
        await Command.OkAsync("ctr", "-a", Socket, "-n", "k8s.io", "images", "import", Path.Combine(LocalNode.StateDir, "images", "pause.tar"));
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private string Tail() => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "(no log)";

    // scripts/local-node's write_containerd_config with this fixture's paths (root, state, runc root, socket),
    // the same runc, CNI network and registry mirrors.
    private string Config()
    {
        var shared = LocalNode.StateDir;
        var registry = LocalNode.Registry;
        var root = Path.Combine(FsDir, "containerd");
        var state = Path.Combine(FsDir, "containerd-state");
        return $"""
            version = 2
            root = "{root}"
            state = "{state}"
            oom_score = 0

            [grpc]
              address = "{Socket}"

            [ttrpc]
              address = "{Socket}.ttrpc"

            [plugins]
              [plugins."io.containerd.internal.v1.opt"]
                path = "{root}/opt"
              [plugins."io.containerd.grpc.v1.cri"]
                sandbox_image = "sharplet.local/pause:3.9"
                stream_server_address = "127.0.0.1"
                stream_server_port = "0"
                enable_selinux = false
                disable_apparmor = true
                restrict_oom_score_adj = true
                netns_mounts_under_state_dir = true
                [plugins."io.containerd.grpc.v1.cri".containerd]
                  snapshotter = "overlayfs"
                  default_runtime_name = "runc"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                    runtime_type = "io.containerd.runc.v2"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                      SystemdCgroup = false
                      Root = "{state}/runc"
                [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
                  endpoint = ["http://{registry}"]
                [plugins."io.containerd.grpc.v1.cri".cni]
                  bin_dir = "/usr/lib/cni"
                  conf_dir = "{shared}/etc/cni/net.d"
                  max_conf_num = 1
            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            // SIGTERM first: containerd closes its database cleanly; SIGKILL only if it hangs.
            await Command.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process?.Dispose();

        // Shims outlive containerd; only those started for this socket are ours. Their sockets sit in
        // /run/containerd/s, named after sha256(address/namespace/id).
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => p!.All(char.IsAsciiDigit)))
        {
            string cmdline;
            try
            {
                cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }

            if (cmdline.Contains("containerd-shim", StringComparison.Ordinal) && cmdline.Contains(" " + Socket + " ", StringComparison.Ordinal))
            {
                using var shim = Process.GetProcessById(int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture));
                var id = cmdline.Split(' ').SkipWhile(a => a != "-id").Skip(1).FirstOrDefault();
                shim.Kill();
                await shim.WaitForExitAsync();
                if (id is not null)
                {
                    var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Socket}/k8s.io/{id}")));
                    File.Delete(Path.Combine("/run/containerd/s", hash));
                }
            }
        }

        // Container rootfs and netns mounts containerd left (deepest first), then the filesystem itself: a real
        // unmount, so the loop device (autoclear) goes with it.
        foreach (var mount in Sharplet.Cm.MountInfo.ReadAll().Where(m => m.MountPoint.StartsWith(FsDir + "/", StringComparison.Ordinal)).OrderByDescending(m => m.MountPoint.Length))
        {
            Sharplet.Cm.LinuxMounts.Unmount(mount.MountPoint);
        }

        // A file the test process just closed can keep it busy for a moment; past that, a lazy unmount: the loop
        // device then goes when the last user does.
        for (var attempt = 0; Sharplet.Cm.MountInfo.ReadAll().Any(m => m.MountPoint == FsDir); attempt++)
        {
            var (code, _) = await Command.RunAsync("umount", attempt < 20 ? [FsDir] : ["-l", FsDir]);
            if (code != 0)
            {
                await Task.Delay(250);
            }
        }

        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
