using System.Globalization;
using System.Text;

namespace GameCluster.Bench.Reporting;

/// <summary>The lines every results section starts with: when, where, which code, how, and how busy the machine was.</summary>
public static class ReportHeader
{
    /// <summary>Appends the section title and the common lines.</summary>
    public static StringBuilder Append(StringBuilder text, string scenario, DateTimeOffset startedAt, MachineInfo machine, string code, string command, string load)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(machine);
        text.AppendLine($"### Results: {scenario}").AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Measured: {startedAt:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine($"- Machine: {machine.Describe()}");
        text.AppendLine($"- Code: {code}");
        text.AppendLine($"- Command: {command}");
        text.AppendLine($"- Load average (1/5/15 min; the machine is shared): {load}");
        return text;
    }
}
