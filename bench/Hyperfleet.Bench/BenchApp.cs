using Hyperfleet.Bench.Video;

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
            case "join":
                var joinHosts = args.SkipWhile(a => a != "--hosts").Skip(1).Select(int.Parse).FirstOrDefault(20);
                var joinRounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(2);
                var agentBuild = args.SkipWhile(a => a != "--agent-build").Skip(1).FirstOrDefault();
                await new Join.JoinBenchmark(Testbed.Find(), joinHosts, joinRounds, agentBuild).RunAsync();
                return 0;
            case "overlay":
                var overlaySeconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(10);
                var overlayTrials = args.SkipWhile(a => a != "--trials").Skip(1).Select(int.Parse).FirstOrDefault(5);
                await new Overlay.OverlayBenchmark(Testbed.Find(), overlaySeconds, overlayTrials).RunAsync();
                return 0;
            case "placement":
                new PlacementBenchmark(args.SkipWhile(a => a != "--decisions").Skip(1).Select(int.Parse).FirstOrDefault(200_000)).Run();
                return 0;
            case "video":
                var mib = args.SkipWhile(a => a != "--mib").Skip(1).Select(long.Parse).FirstOrDefault(256);
                var videoRounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(4);
                var idle = args.SkipWhile(a => a != "--idle").Skip(1).Select(int.Parse).FirstOrDefault(200);
                var shaped = args.Contains("--shaped") ? args.SkipWhile(a => a != "--rate").Skip(1).FirstOrDefault("1gbit") : null;
                await new VideoBenchmark(videoRounds, mib << 20, 2000, idle, shaped).RunAsync();
                return 0;
            case "video-display":
                return await BenchDisplay.RunAsync(args[1]);
            case "video-proxy":
                return await ProxyHelper.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
            default:
                Console.WriteLine("usage: hyperfleet-bench detection [--trials N] | soak [--hosts N] [--minutes M] | starts [--trials N] [--storm N] [--rounds N] | join [--hosts N] [--rounds N] [--agent-build DIR]   (as root; brings the testbed up)");
                Console.WriteLine("       hyperfleet-bench overlay [--seconds 10] [--trials 5]   (as root; testbed hv1..hv4 and the VPN node's host; brings the testbed up, and down at the end)");
                Console.WriteLine("       hyperfleet-bench placement [--decisions N]   (in process, one core; no testbed)");
                Console.WriteLine("       hyperfleet-bench video [--rounds N] [--mib N] [--idle N] [--shaped [--rate 1gbit]]   (loopback, no testbed; --shaped: root, a veth pair in a namespace)");
                return scenario == "help" ? 0 : 2;
        }
    }
}
