using System.Runtime.InteropServices;

namespace GameCluster.Bench.Gateway;

/// <summary>
/// The open-file limit (<c>RLIMIT_NOFILE</c>) of this process, which the gateway process it starts inherits: 100,000
/// sockets need about 100,000 descriptors on each side. Raising the hard limit needs root (or CAP_SYS_RESOURCE), as
/// <c>ulimit -n 250000</c> in a wrapper shell would.
/// </summary>
public static partial class FileLimit
{
    private const int RlimitNofile = 7;

    /// <summary>The current soft and hard limits.</summary>
    public static (ulong Soft, ulong Hard) Read() =>
        NativeMethods.getrlimit(RlimitNofile, out var limit) == 0 ? (limit.Current, limit.Max) : (0, 0);

    /// <summary>
    /// Raises the soft and hard limits to at least <paramref name="wanted"/>; when the hard limit cannot be raised
    /// (not root, or a sandbox that refuses it), raises the soft limit to the hard one. Returns the limits now in force
    /// and the error number of a refused raise (0 when it worked).
    /// </summary>
    public static (ulong Soft, ulong Hard, int Error) RaiseTo(ulong wanted)
    {
        var (soft, hard) = Read();
        if (soft >= wanted)
        {
            return (soft, hard, 0);
        }

        var limit = new RLimit { Current = wanted, Max = Math.Max(hard, wanted) };
        if (NativeMethods.setrlimit(RlimitNofile, ref limit) == 0)
        {
            var (newSoft, newHard) = Read();
            return (newSoft, newHard, 0);
        }

        var error = Marshal.GetLastPInvokeError();
        limit = new RLimit { Current = hard, Max = hard };
        _ = NativeMethods.setrlimit(RlimitNofile, ref limit);
        var (s2, h2) = Read();
        return (s2, h2, error);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int getrlimit(int resource, out RLimit limit);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setrlimit(int resource, ref RLimit limit);
    }
}
