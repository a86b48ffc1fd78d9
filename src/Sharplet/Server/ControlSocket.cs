namespace Sharplet.Server;

// The agent's local control socket under the root dir, for `sharplet pods` and `sharplet logs`. Only root can
// open it (mode 0600); the healthz port never serves these paths.
internal static class ControlSocket
{
    public const string FileName = "sharplet.sock";

    public static string PathFor(string rootDir) => System.IO.Path.Combine(rootDir, FileName);
}
