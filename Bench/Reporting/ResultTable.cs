using System.Text;

namespace GameCluster.Bench.Reporting;

/// <summary>A table printed aligned on the console and as markdown in the README. The first column is left-aligned, the others right-aligned.</summary>
public sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row.</summary>
    public ResultTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells (got {cells.Length}).", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>The table with padded columns.</summary>
    public string ToText()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendText(text, headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(static w => new string('-', w))));
        foreach (var row in _rows)
        {
            AppendText(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>The table as GitHub markdown.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append("|:--|").AppendJoin(string.Empty, headers.Skip(1).Select(static _ => "--:|")).AppendLine();
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    private static void AppendText(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append("  ");
            }

            text.Append(i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
        }

        text.AppendLine();
    }
}
