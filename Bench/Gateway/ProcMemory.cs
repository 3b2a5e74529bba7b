using System.Globalization;

namespace GameCluster.Bench.Gateway;

/// <summary>Memory of a process from <c>/proc/PID/status</c> and <c>/proc/PID/smaps_rollup</c>, in bytes.</summary>
/// <param name="Rss">VmRSS: resident memory.</param>
/// <param name="RssAnon">RssAnon: resident anonymous memory (heaps, stacks; not mapped files).</param>
/// <param name="PrivateBytes">Private_Clean + Private_Dirty of smaps_rollup: resident pages no other process shares.</param>
/// <param name="PeakRss">VmHWM: the peak resident memory so far.</param>
/// <param name="Threads">Threads.</param>
/// <param name="FileDescriptors">Open file descriptors (entries of <c>/proc/PID/fd</c>).</param>
public readonly record struct ProcMemory(long Rss, long RssAnon, long PrivateBytes, long PeakRss, int Threads, int FileDescriptors)
{
    /// <summary>Reads the process's figures now.</summary>
    public static ProcMemory Read(int pid)
    {
        var status = Fields($"/proc/{pid}/status");
        var rollup = Fields($"/proc/{pid}/smaps_rollup");
        var fds = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        return new ProcMemory(
            Kib(status, "VmRSS"),
            Kib(status, "RssAnon"),
            Kib(rollup, "Private_Clean") + Kib(rollup, "Private_Dirty"),
            Kib(status, "VmHWM"),
            (int)Number(status, "Threads"),
            fds);
    }

    /// <summary>The kernel's TCP line of <c>/proc/net/sockstat</c> (machine-wide: sockets in use and socket buffer pages).</summary>
    public static string SockStat()
    {
        try
        {
            return File.ReadLines("/proc/net/sockstat").FirstOrDefault(static l => l.StartsWith("TCP:", StringComparison.Ordinal)) ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static Dictionary<string, string> Fields(string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }

    private static long Kib(Dictionary<string, string> fields, string name) => Number(fields, name) * 1024;

    private static long Number(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) ? long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) : 0;
}
