using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace GameCluster.Bench.Reporting;

/// <summary>The machine and runtime a run was measured on, as the README records it.</summary>
/// <param name="Cores">Processors available to the process (<c>nproc</c>).</param>
/// <param name="CpuModel">The <c>lscpu</c> model name.</param>
/// <param name="TotalMemoryBytes">Physical memory (<c>MemTotal</c>).</param>
/// <param name="OperatingSystem">The distribution and kernel.</param>
/// <param name="DotnetSdk">The <c>dotnet --version</c> output.</param>
/// <param name="Runtime">The running .NET runtime.</param>
/// <param name="GarbageCollector">The GC flavour in effect.</param>
public sealed record MachineInfo(int Cores, string CpuModel, long TotalMemoryBytes, string OperatingSystem, string DotnetSdk, string Runtime, string GarbageCollector)
{
    /// <summary>Reads the machine's description; parts that cannot be read say "unknown".</summary>
    public static MachineInfo Collect()
    {
        var nproc = Run("nproc", string.Empty);
        var cores = int.TryParse(nproc, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : Environment.ProcessorCount;
        var model = Run("lscpu", string.Empty)?
            .Split('\n')
            .Select(static line => line.Split(':', 2))
            .Where(static parts => parts.Length == 2 && parts[0].Trim() == "Model name")
            .Select(static parts => parts[1].Trim())
            .FirstOrDefault() ?? "unknown";
        return new MachineInfo(cores, model, ReadTotalMemory(), ReadOperatingSystem(), Run("dotnet", "--version") ?? "unknown", RuntimeInformation.FrameworkDescription, DescribeGc());
    }

    /// <summary>One line for the console and the README.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores (nproc), {CpuModel}, {TotalMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB RAM, {OperatingSystem}; .NET SDK {DotnetSdk}, runtime {Runtime}; {GarbageCollector}");

    /// <summary>
    /// The commit the measured code comes from, and whether the runtime or grain sources differ from it (the bench's
    /// own sources are not considered: they do not change what is measured).
    /// </summary>
    public static string SourceVersion()
    {
        var commit = Run("git", "rev-parse --short HEAD");
        if (commit is null)
        {
            return "unknown (not a git checkout)";
        }

        var changes = Run("git", "status --porcelain -- :/Runtime :/Grains :/Grains.Interfaces");
        return string.IsNullOrWhiteSpace(changes)
            ? $"commit {commit} (Runtime, Grains and Grains.Interfaces as committed)"
            : $"commit {commit} with uncommitted changes under Runtime, Grains or Grains.Interfaces";
    }

    /// <summary>The 1, 5 and 15 minute load averages (<c>/proc/loadavg</c>), to show how busy the shared machine was.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string DescribeGc()
    {
        var variables = GC.GetConfigurationVariables();
        var server = variables.TryGetValue("ServerGC", out var s) && s is true;
        var concurrent = variables.TryGetValue("ConcurrentGC", out var c) && c is true;
        var datas = variables.TryGetValue("GCDynamicAdaptationMode", out var d) && Convert.ToInt64(d, CultureInfo.InvariantCulture) == 1;
        var heaps = variables.TryGetValue("HeapCount", out var h) ? Convert.ToString(h, CultureInfo.InvariantCulture) : "?";
        return server
            ? $"Server GC ({(concurrent ? "concurrent" : "non-concurrent")}, {heaps} heaps{(datas ? ", DATAS" : string.Empty)})"
            : $"Workstation GC ({(concurrent ? "concurrent" : "non-concurrent")})";
    }

    private static long ReadTotalMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(static l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kib is null ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes : long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }
    }

    private static string ReadOperatingSystem()
    {
        var kernel = RuntimeInformation.OSDescription;
        try
        {
            var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(static l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            return pretty is null ? kernel : $"{pretty["PRETTY_NAME=".Length..].Trim('"')} (kernel {Environment.OSVersion.Version})";
        }
        catch (IOException)
        {
            return kernel;
        }
    }

    private static string? Run(string fileName, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
