using Hyperfleet.Bench;

return await BenchApp.RunAsync(args);
