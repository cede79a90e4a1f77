using Coffer.Cli.CommandLine;

return await CofferCommandLine.InvokeAsync(args).ConfigureAwait(false);
