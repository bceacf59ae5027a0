using Hyperfleet.Cli;

return await CliApp.RunAsync(args);
