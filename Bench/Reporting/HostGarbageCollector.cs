namespace GameCluster.Bench.Reporting;

/// <summary>The garbage collector a product host (a <c>.dll</c> next to the bench) runs with, as its runtimeconfig says.</summary>
public static class HostGarbageCollector
{
    /// <summary>For example "Server GC per its runtimeconfig, concurrent, DATAS off"; "unknown" when it cannot be read.</summary>
    public static string Describe(string hostPath)
    {
        var path = Path.ChangeExtension(hostPath, ".runtimeconfig.json");
        try
        {
            var text = File.ReadAllText(path);
            var server = text.Contains("\"System.GC.Server\": true", StringComparison.Ordinal);
            var concurrentOff = text.Contains("\"System.GC.Concurrent\": false", StringComparison.Ordinal);
            var datasOff = text.Contains("\"System.GC.DynamicAdaptationMode\": 0", StringComparison.Ordinal);
            var datas = datasOff ? ", DATAS off" : ", DATAS by default";
            return $"{(server ? "Server GC" : "Workstation GC")} per its runtimeconfig, {(concurrentOff ? "non-concurrent" : "concurrent")}{(server ? datas : string.Empty)}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
