using System.Globalization;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// The shell commands of the disk operations. Every path is single-quoted; new files are written under a temporary
/// name in the same directory and renamed into place with <c>mv -n</c> (never over an existing file), so a file at
/// its final name is always complete and a rerun never clobbers one.
/// </summary>
internal static class QemuImgScripts
{
    /// <summary>Prints <c>absent</c>, or qemu-img's JSON for the image (shared lock: the image may be in use).</summary>
    public static string Probe(string path)
    {
        var p = Q(path);
        return $"if [ -e {p} ]; then qemu-img info -U --output=json {p}; else echo absent; fi";
    }

    /// <summary>qemu-img's JSON for the image and its whole backing chain.</summary>
    public static string InfoChain(string path) => $"qemu-img info -U --output=json --backing-chain {Q(path)}";

    public static string CreateEmpty(string path, long sizeBytes, string temp) =>
        Place(path, temp, $"qemu-img create -q -f qcow2 {Q(temp)} {sizeBytes.ToString(CultureInfo.InvariantCulture)}");

    public static string CreateOverlay(string path, string backing, string temp) =>
        Place(path, temp, $"qemu-img create -q -f qcow2 -F qcow2 -b {Q(backing)} {Q(temp)}");

    public static string Convert(string source, string path, string format, string temp) =>
        Place(path, temp, $"qemu-img convert -O {format} {Q(source)} {Q(temp)}");

    public static string Resize(string path, long sizeBytes) =>
        $"qemu-img resize -q {Q(path)} {sizeBytes.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
/// Prints <c>moved</c>, or <c>already</c> (source gone, target there: an earlier run did it); exits 10 when both
/// exist, 11 when neither does. Messages never echo paths (they are data, not shell text).
/// </summary>
    public static string Move(string source, string path)
    {
        var (s, p) = (Q(source), Q(path));
        return $"if [ -e {s} ]; then " +
               $"if [ -e {p} ]; then exit 10; fi; " +
               $"mkdir -p {Q(StoragePathRule.DirectoryOf(path))} && mv -n {s} {p} && [ -e {p} ] && [ ! -e {s} ] && echo moved; " +
               $"elif [ -e {p} ]; then echo already; " +
               $"else exit 11; fi";
    }

    /// <summary>Removes the file; a missing one is already deleted. Never removes a directory (exits 10).</summary>
    public static string Delete(string path)
    {
        var p = Q(path);
        return $"if [ -d {p} ]; then exit 10; fi; rm -f {p} && [ ! -e {p} ] && echo deleted";
    }

    /// <summary>
    /// Makes <paramref name="temp"/> with <paramref name="make"/>, then renames it to <paramref name="path"/> unless a file
    /// is there already. Temporary files of this task's earlier attempts (a worker that died mid-convert) go first.
    /// </summary>
    private static string Place(string path, string temp, string make)
    {
        var (p, t) = (Q(path), Q(temp));
        var earlier = Q(temp[..(temp.LastIndexOf('-') + 1)]) + "*.tmp";
        return $"mkdir -p {Q(StoragePathRule.DirectoryOf(path))} || exit 1; " +
               $"for f in {earlier}; do [ -e \"$f\" ] && rm -f \"$f\"; done; " +
               $"if ! {make}; then rm -f {t}; exit 1; fi; " +
               $"mv -n {t} {p}; rm -f {t}; [ -e {p} ]";
    }

    /// <summary>A temporary name beside <paramref name="path"/>, unique per task attempt.</summary>
    public static string TempFor(string path, long taskId, int attempt)
    {
        var dir = StoragePathRule.DirectoryOf(path);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return $"{dir}/.{name}.hf-{taskId.ToString(CultureInfo.InvariantCulture)}-{attempt.ToString(CultureInfo.InvariantCulture)}.tmp";
    }

    private static string Q(string value) => ShellQuoting.Quote(value);
}
