namespace Polca.Cli.Compare;

/// <summary>A plain-text table with a header line and columns padded to their widest cell: reads well on a terminal and when piped.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>A table with the given column headers; the first <paramref name="leftAligned"/> columns are left-aligned (labels), the others right-aligned (figures).</summary>
    public TextTable(int leftAligned, params string[] headers)
    {
        _headers = headers;
        _rightAligned = headers.Select((_, i) => i >= leftAligned).ToArray();
    }

    /// <summary>Adds a line; it must have one cell per column.</summary>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"expected {_headers.Length} cells, found {cells.Length}", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>Writes the header, a rule and the lines to <paramref name="output"/>, columns two spaces apart, no trailing blanks.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        WriteLine(output, _headers, widths);
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) WriteLine(output, row, widths);
    }

    private void WriteLine(TextWriter output, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => _rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        output.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
