namespace GameCluster.Bench.Reporting;

/// <summary>Rewrites the generated result sections of the bench README, leaving the hand-written text alone.</summary>
public static class ReadmeUpdater
{
    /// <summary>Replaces the text between <c>&lt;!-- bench:NAME:begin --&gt;</c> and <c>&lt;!-- bench:NAME:end --&gt;</c>, or appends the section.</summary>
    public static void ReplaceSection(string path, string section, string markdown)
    {
        var begin = $"<!-- bench:{section}:begin -->";
        var end = $"<!-- bench:{section}:end -->";
        var block = $"{begin}\n{markdown.TrimEnd()}\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Bench\n";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? string.Concat(text.AsSpan(0, from), block, text.AsSpan(to + end.Length))
            : $"{text.TrimEnd()}\n\n{block}\n";
        File.WriteAllText(path, text);
    }

    /// <summary>Bench/README.md of the repository the current directory (or the program) is in, or <see langword="null"/>.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Bench", "Bench.csproj")))
                {
                    return Path.Combine(directory.FullName, "Bench", "README.md");
                }

                if (File.Exists(Path.Combine(directory.FullName, "Bench.csproj")))
                {
                    return Path.Combine(directory.FullName, "README.md");
                }
            }
        }

        return null;
    }
}
