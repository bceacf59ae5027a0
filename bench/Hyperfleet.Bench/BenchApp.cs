namespace Hyperfleet.Bench;

/// <summary>Scenario benchmarks on the testbed; each prints a report with a baseline run side by side.</summary>
public static class BenchApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = args.FirstOrDefault() ?? "help";
        var trials = args.SkipWhile(a => a != "--trials").Skip(1).Select(int.Parse).FirstOrDefault(10);
        switch (scenario)
        {
            case "detection":
                await new DetectionBenchmark(Testbed.Find(), trials).RunAsync();
                return 0;
            case "soak":
                var hosts = args.SkipWhile(a => a != "--hosts").Skip(1).Select(int.Parse).FirstOrDefault(20);
                var minutes = args.SkipWhile(a => a != "--minutes").Skip(1).Select(double.Parse).FirstOrDefault(10);
                await new SoakBenchmark(Testbed.Find(), hosts, TimeSpan.FromMinutes(minutes)).RunAsync();
                return 0;
            case "starts":
                var storm = args.SkipWhile(a => a != "--storm").Skip(1).Select(int.Parse).FirstOrDefault(30);
                var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(2);
                await new DesktopStartBenchmark(Testbed.Find(), trials, storm, rounds).RunAsync();
                return 0;
            case "placement":
                new PlacementBenchmark(args.SkipWhile(a => a != "--decisions").Skip(1).Select(int.Parse).FirstOrDefault(200_000)).Run();
                return 0;
            default:
                Console.WriteLine("usage: hyperfleet-bench detection [--trials N] | soak [--hosts N] [--minutes M] | starts [--trials N] [--storm N] [--rounds N]   (as root; brings the testbed up)");
                Console.WriteLine("       hyperfleet-bench placement [--decisions N]   (in process, one core; no testbed)");
                return scenario == "help" ? 0 : 2;
        }
    }
}
