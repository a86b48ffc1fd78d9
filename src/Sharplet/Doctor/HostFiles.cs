namespace Sharplet.Doctor;

/// <summary>Reads small host files (/proc, /sys); null when absent or unreadable. Tests pass their own.</summary>
internal static class HostFiles
{
    public static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
