// First, before anything else runs: the environment-only runtime settings (Hosting/ProcessDefaults).
Sharplet.Hosting.ProcessDefaults.Apply();
return await Sharplet.Cli.SharpletCommandLine.RunAsync(args).ConfigureAwait(false);
