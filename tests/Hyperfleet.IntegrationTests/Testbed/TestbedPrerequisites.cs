namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>Finds what this machine lacks to run the testbed, so the fixture can say exactly that.</summary>
public static class TestbedPrerequisites
{
    private static readonly (string Tool, string Package)[] Tools =
    [
        ("ip", "iproute2"), ("unshare", "util-linux"), ("nsenter", "util-linux"), ("findmnt", "util-linux"),
        ("mount", "mount"), ("ssh", "openssh-client"), ("ssh-keygen", "openssh-client"), ("chpasswd", "passwd"),
        ("virsh", "libvirt-clients"), ("qemu-img", "qemu-utils"),
    ];

    private static readonly (string File, string Package)[] Files =
    [
        ("/usr/sbin/libvirtd", "libvirt-daemon-system"), ("/usr/sbin/virtlogd", "libvirt-daemon-system"),
        ("/usr/sbin/sshd", "openssh-server"), ("/usr/bin/qemu-system-x86_64", "qemu-system-x86"),
    ];

    /// <summary>One line per missing prerequisite; empty when everything is there.</summary>
    public static IReadOnlyList<string> FindMissing(string scriptPath)
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            missing.Add("Linux: the testbed is made of network and mount namespaces");
            return missing;
        }

        if (!IsRoot())
        {
            missing.Add("root: run the tests as uid 0 (namespaces, the bridge and libvirtd need it)");
        }

        if (!File.Exists(scriptPath))
        {
            missing.Add($"the testbed script {scriptPath}");
        }

        foreach (var (tool, package) in Tools)
        {
            if (!IsOnPath(tool))
            {
                missing.Add($"'{tool}' on PATH (Debian package {package})");
            }
        }

        foreach (var (file, package) in Files)
        {
            if (!File.Exists(file))
            {
                missing.Add($"{file} (Debian package {package})");
            }
        }

        return missing;
    }

    private static bool IsRoot()
    {
        // "Uid:	real	effective	saved	fs"
        var uidLine = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && fields[2] == "0";
    }

    private static bool IsOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        // Root's tools live in sbin, which a test runner's PATH may lack; the script adds it too.
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return directories.Any(d => File.Exists(Path.Combine(d, tool)));
    }
}
