using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.Hosting;
using Sharplet.KubeClient;
using Sharplet.Nodes;
using Sharplet.Util;

namespace Sharplet.Cli;

// `sharplet [flags]`: runs the node agent in the foreground until SIGTERM or Ctrl-C (Hosting/SignalLifetime logs
// it and the command exits 0). Pods keep running when it stops; the next start adopts them.
internal static class AgentCommand
{
    public static void Configure(RootCommand root)
    {
        var options = new AgentOptions();
        options.AddTo(root);

        // System.CommandLine's own --version prints the assembly version, which kubeadm cannot parse.
        foreach (var builtIn in root.Options.OfType<VersionOption>().ToList())
        {
            root.Options.Remove(builtIn);
        }

        var version = VersionFlag.Create();
        root.Options.Add(version);

        // kubeadm before 1.27 writes it into kubeadm-flags.env; upstream only keeps the image from garbage
        // collection, which Sharplet does not do. The sandbox image is the runtime's (containerd's sandbox_image).
        root.Options.Add(new Option<string?>("--pod-infra-container-image") { Description = "accepted without effect (deprecated upstream; kubeadm before 1.27 passes it): the runtime's sandbox image is used" });
        root.SetAction(async (result, cancellationToken) =>
        {
            if (VersionFlag.Answer(result.GetValue(version), result.GetResult(version) is not null) is var (code, text))
            {
                await (code == 0 ? Console.Out : Console.Error).WriteLineAsync(text).ConfigureAwait(false);
                return code;
            }

            SharpletSettings settings;
            IReadOnlyList<string> ignored;
            try
            {
                settings = options.Resolve(result, out ignored);
            }
            catch (ConfigException ex)
            {
                await Console.Error.WriteLineAsync($"sharplet: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(settings, ignored, cancellationToken).ConfigureAwait(false);
        });
    }

    private static async Task<int> RunAsync(SharpletSettings settings, IReadOnlyList<string> ignored, CancellationToken cancellationToken)
    {
        IHost app;
        try
        {
            app = await SharpletHost.BuildAsync(settings, logging => ConfigureLogging(logging, settings.Verbosity, settings.LoggingFormat), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CriConnectException or ConfigException or KubeconfigException or NodeJoinException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"sharplet: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("sharplet");
            StartupLog.Started(logger, settings, app.Services, ignored);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"sharplet: cannot listen: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (OperationCanceledException) when (app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
            {
                // SIGTERM/SIGINT while services were still starting (the kubelet server waits for its first serving
                // certificate, made off the start path): the host cancels the rest of its start. That is the same
                // clean stop as after the start, so it goes on to the orderly stop below and exits 0.
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);

            // A loop that died stops the host (BackgroundServiceExceptionBehavior.StopHost); say which and why, and
            // exit non-zero so a supervisor restarts the agent instead of taking the stop for a clean one.
            var crashed = app.Services.GetServices<IHostedService>().OfType<BackgroundService>()
                .Where(s => s.ExecuteTask is { IsFaulted: true })
                .ToList();
            foreach (var loop in crashed)
            {
                await Console.Error.WriteLineAsync($"sharplet: {loop.GetType().Name} failed: {loop.ExecuteTask!.Exception!.InnerException}").ConfigureAwait(false);
            }

            if (crashed.Count > 0)
            {
                return 1;
            }
        }
        finally
        {
            await SharpletHost.DisposeAsync(app).ConfigureAwait(false);
        }

        return 0;
    }

    internal static void ConfigureLogging(ILoggingBuilder logging, int verbosity, string format = LogFormats.Text)
    {
        logging.AddProvider(format == LogFormats.Json ? new JsonLoggerProvider() : new KlogLoggerProvider());
        logging.SetMinimumLevel(verbosity >= 6 ? LogLevel.Trace : verbosity >= 4 ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft", verbosity >= 6 ? LogLevel.Information : LogLevel.Warning);

        // A failed start is reported once, in a sentence, by the command itself.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
    }
}
