namespace Sharplet.KubeClient;

/// <summary>
/// The bearer token of a user. A tokenFile is re-read when the last read is older than the refresh period
/// (client-go: one minute), so rotated tokens (projected service account tokens) are picked up; the last good
/// value stays in use while the file cannot be read.
/// </summary>
internal sealed class BearerTokenSource
{
    private readonly Lock gate = new();
    private readonly string? path;
    private readonly TimeSpan refreshPeriod;
    private readonly TimeProvider time;
    private string? token;
    private long lastRead;
    private bool everRead;

    public BearerTokenSource(string? staticToken, string? tokenFile, TimeSpan refreshPeriod, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        token = staticToken;
        path = tokenFile;
        this.refreshPeriod = refreshPeriod;
        this.time = time;
    }

    public bool HasToken => token is not null || path is not null;

    /// <summary>The last read failure of the token file, for the error message of a 401.</summary>
    public string? LastReadError { get; private set; }

    public string? GetToken()
    {
        if (path is null)
        {
            return token;
        }

        lock (gate)
        {
            if (!everRead || time.GetElapsedTime(lastRead) >= refreshPeriod)
            {
                Refresh(path);
            }

            return token;
        }
    }

    private void Refresh(string file)
    {
        // Stamp the attempt, not only successes: a broken file is retried once per period, not per request.
        lastRead = time.GetTimestamp();
        everRead = true;
        try
        {
            var text = File.ReadAllText(file).Trim();
            if (text.Length > 0)
            {
                token = text;
                LastReadError = null;
            }
            else
            {
                LastReadError = $"tokenFile {file} is empty";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LastReadError = $"cannot read tokenFile {file} ({ex.Message.TrimEnd('.')})";
        }
    }
}
