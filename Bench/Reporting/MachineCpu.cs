using System.Globalization;

namespace GameCluster.Bench.Reporting;

/// <summary>Whole-machine processor time from <c>/proc/stat</c> (all processes, this bench's and everyone else's).</summary>
/// <param name="Busy">Jiffies not idle (user, nice, system, irq, softirq, steal).</param>
/// <param name="Total">All jiffies.</param>
public readonly record struct MachineCpu(long Busy, long Total)
{
    /// <summary>The counters now, or zeros when they cannot be read.</summary>
    public static MachineCpu Read()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(static f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            var idle = fields[3] + fields[4];
            return new MachineCpu(total - idle, total);
        }
        catch (IOException)
        {
            return default;
        }
    }

    /// <summary>The share of all processors that was busy between <paramref name="before"/> and this reading.</summary>
    public double BusySince(MachineCpu before) => Total == before.Total ? double.NaN : (double)(Busy - before.Busy) / (Total - before.Total);
}
