namespace Sharplet.Api;

/// <summary>core/v1 HostPathType values; Unset (empty) skips all checks.</summary>
internal static class HostPathType
{
    public const string Unset = "";

    public const string DirectoryOrCreate = "DirectoryOrCreate";

    public const string Directory = "Directory";

    public const string FileOrCreate = "FileOrCreate";

    public const string File = "File";

    public const string Socket = "Socket";

    public const string CharDevice = "CharDevice";

    public const string BlockDevice = "BlockDevice";
}
