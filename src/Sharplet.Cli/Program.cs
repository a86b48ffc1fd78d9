return await Sharplet.Cli.SharpletCommandLine.RunAsync(args).ConfigureAwait(false);
