namespace Sharplet.Cli;

public static class SharpletCommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Task.FromResult(0);
    }
}
