namespace Polca.Datacenter.Workloads;

/// <summary>Splits a comma-separated line (no quoting) into trimmed fields without allocating.</summary>
internal static class CsvFields
{
    /// <summary>
    /// Splits <paramref name="line"/> into <paramref name="ranges"/> (sized one more than the fields expected) and
    /// returns how many fields it has, or <c>ranges.Length</c> when it has more than expected.
    /// </summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges) => line.Split(ranges, ',');

    /// <summary>The field at <paramref name="range"/>, without surrounding white space.</summary>
    public static ReadOnlySpan<char> Field(ReadOnlySpan<char> line, Range range) => line[range].Trim();

    /// <summary>Renders a field for an error message, quoted and shortened when long.</summary>
    public static string Show(ReadOnlySpan<char> field) =>
        field.Length > 40 ? $"\"{field[..37]}...\"" : $"\"{field}\"";

    /// <summary>Counts the fields of a line for an error message.</summary>
    public static int Count(ReadOnlySpan<char> line) => line.Count(',') + 1;
}
