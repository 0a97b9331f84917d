namespace Polca.Hocon;

/// <summary>Where a HOCON value or token was written: file (or a label such as "&lt;string&gt;"), line and column, all 1-based.</summary>
public sealed class HoconOrigin : IEquatable<HoconOrigin>
{
    /// <summary>The origin given to values built in code rather than parsed from text.</summary>
    public static readonly HoconOrigin Code = new("<code>", 1, 1);

    /// <summary>Creates an origin from a file name or label and a 1-based line and column.</summary>
    public HoconOrigin(string fileName, int line, int column)
    {
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        Line = line;
        Column = column;
    }

    /// <summary>The file the value came from, or a label such as "&lt;string&gt;".</summary>
    public string FileName { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based column.</summary>
    public int Column { get; }

    /// <summary>Renders the origin as FILE:LINE:COL.</summary>
    public override string ToString() => $"{FileName}:{Line}:{Column}";

    /// <summary>True when file, line and column are all equal.</summary>
    public bool Equals(HoconOrigin? other) =>
        other is not null && other.FileName == FileName && other.Line == Line && other.Column == Column;

    /// <summary>True when <paramref name="obj"/> is an equal origin.</summary>
    public override bool Equals(object? obj) => Equals(obj as HoconOrigin);

    /// <summary>A hash over file, line and column.</summary>
    public override int GetHashCode() => HashCode.Combine(FileName, Line, Column);
}
