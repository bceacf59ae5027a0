using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet serve</c>: runs the control plane.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8480";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where the API and UI listen, ';'-separated; https:// addresses use the control plane's certificate (e.g. \"http://127.0.0.1:8480;https://0.0.0.0:8443\")",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory of the embedded database and keys (default ./data, or $HYPERFLEET_DATA_DIR)" };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles to run: api, engine (default: all)" };
        var command = new Command("serve", "Run the control plane (API, engine) on this host") { urls, dataDir, roles };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?> { ["urls"] = parse.GetValue(urls) };
            if (parse.GetValue(roles) is { } r)
            {
                overrides["Hyperfleet:Roles"] = r;
            }
            if (parse.GetValue(dataDir) is { } dir)
            {
                overrides["Hyperfleet:DataDir"] = dir;
            }
            await using var app = HyperfleetApp.Build([], overrides);
            var admin = await HyperfleetApp.InitializeAsync(app, ct);
            await app.StartAsync(ct);

            var database = app.Services.GetRequiredService<DatabaseInfo>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"Hyperfleet listening on {address}");
            }
            Console.WriteLine($"Database: {database.Provider} ({database.Location})");
            var certificates = app.Services.GetRequiredService<ControlPlaneCertificates>();
            if (addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                Console.WriteLine($"HTTPS certificate: {certificates.ServerOrigin}, valid until {certificates.ServerCertificate.NotAfter.ToUniversalTime():u}");
            }
            // Agents and 'hyperfleet --ca-pin' check this; it stays the same for as long as the CA key does.
            Console.WriteLine($"CA pin: {certificates.CaPin}");
            if (admin.Created)
            {
                Console.WriteLine(admin.GeneratedPassword is { } password
                    ? $"First start: created user '{admin.Username}' with password: {password}\n  (shown once; log in with 'hyperfleet login')"
                    : $"First start: created user '{admin.Username}' with the password from HYPERFLEET_ADMIN_PASSWORD");
            }
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
