using Sharplet.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Sharplet.IntegrationTests.Packaging;

// The .deb as an operator installs it: its files, modes and relations, an install into a scratch root with the
// real dpkg (maintainer scripts run chrootless, with DPKG_ROOT, as dpkg does for such roots), the installed
// binary running, and removal and purge leaving exactly what was there before. The unit and drop-in go through
// systemd-analyze verify.
public sealed class DebPackageTests(DebPackageFixture fixture, ITestOutputHelper output) : IClassFixture<DebPackageFixture>, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sharplet-dpkg-root-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string[] Dpkg(params string[] args) => ["--root=" + root, "--force-script-chrootless", .. args];

    // An empty dpkg database: dpkg --root needs its admin dir.
    private void InitDpkgRoot()
    {
        foreach (var d in new[] { "info", "updates", "triggers" })
        {
            Directory.CreateDirectory(Path.Combine(root, "var/lib/dpkg", d));
        }

        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/status"), string.Empty);
        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/available"), string.Empty);
    }

    // Everything in the scratch root but dpkg's own database.
    private SortedSet<string> Tree() => new(
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => "/" + Path.GetRelativePath(root, p))
            .Where(p => !p.StartsWith("/var/lib/dpkg", StringComparison.Ordinal)),
        StringComparer.Ordinal);

    [Fact]
    public async Task Package_IsSharplet_ProvidingAndReplacingKubelet()
    {
        var fields = await Command.OkAsync("dpkg-deb", "-f", fixture.Deb);

        fields.ShouldContain("Package: sharplet\n");
        fields.ShouldContain("Version: 0.1.0+test\n");
        fields.ShouldContain("Provides: kubelet\n");
        fields.ShouldContain("Conflicts: kubelet\n");
        fields.ShouldContain("Replaces: kubelet\n");
        fields.ShouldContain("Depends: libc6");
    }

    [Fact]
    public async Task Package_HoldsBinaryUnitAndKubeadmDropIn_RootOwnedWithTheirModes()
    {
        var listing = (await Command.OkAsync("dpkg-deb", "-c", fixture.Deb)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        string Entry(string path) => listing.Single(l => l.EndsWith(" ." + path, StringComparison.Ordinal) || l.Contains(" ." + path + " -> ", StringComparison.Ordinal));
        Entry("/usr/bin/sharplet").ShouldStartWith("-rwxr-xr-x root/root");
        Entry("/usr/bin/kubelet").ShouldStartWith("lrwxrwxrwx root/root");
        Entry("/usr/bin/kubelet").ShouldEndWith("-> sharplet");
        Entry("/lib/systemd/system/kubelet.service").ShouldStartWith("-rw-r--r-- root/root");
        Entry("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf").ShouldStartWith("-rw-r--r-- root/root");
        listing.ShouldAllBe(l => l.Contains(" root/root ", StringComparison.Ordinal));

        var control = Directory.CreateTempSubdirectory("sharplet-deb-control-").FullName;
        try
        {
            await Command.OkAsync("dpkg-deb", "-e", fixture.Deb, control);
            File.ReadAllText(Path.Combine(control, "conffiles")).Trim().ShouldBe("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf");
            foreach (var script in new[] { "postinst", "prerm", "postrm" })
            {
                File.GetUnixFileMode(Path.Combine(control, script)).ShouldBe(
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, script);
                (await Command.RunAsync("sh", ["-n", Path.Combine(control, script)])).ExitCode.ShouldBe(0, $"{script} is not valid sh");
            }
        }
        finally
        {
            Directory.Delete(control, recursive: true);
        }
    }

    [Fact]
    public async Task DropIn_GivesKubeadmsFlagsAndFiles_ToSharplet()
    {
        InitDpkgRoot();
        await Command.OkAsync("dpkg", Dpkg("--force-depends", "-i", fixture.Deb));
        var dropIn = File.ReadAllText(Path.Combine(root, "etc/systemd/system/kubelet.service.d/10-kubeadm.conf"));

        dropIn.ShouldContain("KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf");
        dropIn.ShouldContain("KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml");
        dropIn.ShouldContain("EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env");
        dropIn.ShouldContain("EnvironmentFile=-/etc/default/kubelet");
        dropIn.ShouldContain("ExecStart=\nExecStart=/usr/bin/sharplet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_SHARPLET_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS");
    }

    [Fact]
    public async Task Install_RemoveAndPurge_InAScratchRoot_LeaveNothingBehind()
    {
        InitDpkgRoot();
        var before = Tree();

        // libc6 and libssl3 are the machine's, not the scratch root's: only they are forced.
        var install = await Command.OkAsync("dpkg", Dpkg("--force-depends", "-i", fixture.Deb));
        output.WriteLine(install);
        (await Command.OkAsync("dpkg", Dpkg("-s", "sharplet"))).ShouldContain("Status: install ok installed");
        var binary = Path.Combine(root, "usr/bin/sharplet");
        File.GetUnixFileMode(binary).HasFlag(UnixFileMode.OtherExecute).ShouldBeTrue();
        new FileInfo(Path.Combine(root, "usr/bin/kubelet")).LinkTarget.ShouldBe("sharplet");
        var help = await Command.OkAsync(binary, "--help");
        help.ShouldContain("--kubeconfig");

        // remove: the files go, the edited-or-not conffile stays (dpkg's rule), as for any Debian package.
        await Command.OkAsync("dpkg", Dpkg("-r", "sharplet"));
        File.Exists(binary).ShouldBeFalse();
        File.Exists(Path.Combine(root, "lib/systemd/system/kubelet.service")).ShouldBeFalse();
        File.Exists(Path.Combine(root, "etc/systemd/system/kubelet.service.d/10-kubeadm.conf")).ShouldBeTrue();
        (await Command.RunAsync("dpkg", Dpkg("-s", "sharplet"))).Output.ShouldContain("Status: deinstall ok config-files");

        // purge: nothing of the package is left, not even a directory it made.
        await Command.OkAsync("dpkg", Dpkg("--purge", "sharplet"));
        Tree().ShouldBe(before);
        (await Command.RunAsync("dpkg", Dpkg("-s", "sharplet"))).ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task Unit_AndDropIn_PassSystemdAnalyzeVerify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze") && !File.Exists("/bin/systemd-analyze"))
        {
            output.WriteLine("SKIPPED: systemd-analyze is not installed (Debian package systemd); the unit was not verified");
            return;
        }

        InitDpkgRoot();
        await Command.OkAsync("dpkg", Dpkg("--force-depends", "-i", fixture.Deb));

        // The unit's default dependencies (sysinit.target, basic.target...) and After=/Wants= targets come from the
        // machine's systemd, copied into the scratch root so that verify resolves them there.
        foreach (var unit in Directory.EnumerateFiles("/lib/systemd/system", "*.target").Concat(Directory.EnumerateFiles("/lib/systemd/system", "*.slice")))
        {
            File.Copy(unit, Path.Combine(root, "lib/systemd/system", Path.GetFileName(unit)), overwrite: false);
        }

        var (code, text) = await Command.RunAsync("systemd-analyze", ["--root=" + root, "verify", "kubelet.service"]);

        // verify exits 0 on warnings (unknown keys, bad ExecStart in a drop-in): a clean unit prints nothing.
        code.ShouldBe(0, text);
        text.Trim().ShouldBeEmpty();
    }
}
