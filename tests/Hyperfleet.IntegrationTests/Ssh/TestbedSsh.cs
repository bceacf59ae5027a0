using System.Net;
using System.Text.Json;
using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.IntegrationTests.Ssh;

/// <summary>Steps the SSH tests share: add-ssh-key through the API, and looks at a host's own files.</summary>
internal static class TestbedSsh
{
    public static Task<HttpResponseMessage> PostInstallAsync(HttpClient admin, string ip, string password) =>
        admin.PostJsonAsync("/api/v1/ssh-keys/install", new { host = ip, port = TestbedFixture.SshPort, user = "root", password });

    public static async Task<InstallSshKeyResponse> InstallAsync(HttpClient admin, string ip, string password) =>
        await (await PostInstallAsync(admin, ip, password)).OkAsync<InstallSshKeyResponse>();

    public static async Task<JsonElement> FailedInstallAsync(HttpClient admin, string ip, string password, string code) =>
        await (await PostInstallAsync(admin, ip, password)).ProblemAsync(HttpStatusCode.UnprocessableEntity, code);

    public static IControlPlaneKeys Keys(ApiFixture server) => server.Services.GetRequiredService<IControlPlaneKeys>();

    public static ISshConnector Connector(ApiFixture server) => server.Services.GetRequiredService<ISshConnector>();

    /// <summary>"type blob" of an OpenSSH key line, what authorized_keys and known_hosts match on.</summary>
    public static string KeyOnly(string key) => string.Join(' ', key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    /// <summary>
    /// Takes the control plane's key out of the host's own ~/.ssh/authorized_keys (each testbed host has its own
    /// /root; the testbed authorizes its own key in a file of its state dir, which this leaves alone).
    /// </summary>
    public static Task RemoveKeyFromHostAsync(TestbedFixture testbed, string host, string publicKey) =>
        testbed.RunAsync("exec", host, "sh", "-c",
            $"f=/root/.ssh/authorized_keys; [ -f $f ] || exit 0; grep -vF '{KeyOnly(publicKey)}' $f > $f.new; mv $f.new $f; chmod 600 $f");

    /// <summary>How many lines of the host's ~/.ssh/authorized_keys hold <paramref name="publicKey"/>.</summary>
    public static async Task<int> CountKeyOnHostAsync(TestbedFixture testbed, string host, string publicKey) =>
        int.Parse(await testbed.RunAsync("exec", host, "sh", "-c",
            $"grep -cF '{KeyOnly(publicKey)}' /root/.ssh/authorized_keys || true"), System.Globalization.CultureInfo.InvariantCulture);
}
