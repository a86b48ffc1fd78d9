namespace Sharplet.Doctor;

/// <summary>
/// The CNI setup the runtime uses: its config directory and the first config there (as libcni picks it), the
/// plugin types that config names, and which of them have no binary in the plugin directory.
/// </summary>
internal sealed record CniObservation(
    string ConfDir,
    string BinDir,
    string? ConfigFile,
    string? NetworkName,
    IReadOnlyList<string> PluginTypes,
    IReadOnlyList<string> MissingPlugins,
    string? Problem = null);
