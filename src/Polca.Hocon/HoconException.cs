namespace Polca.Hocon;

/// <summary>
/// Any HOCON error: syntax, include, substitution or type errors. Its <see cref="Exception.Message"/>
/// always has the form <c>FILE:LINE:COL: reason</c>.
/// </summary>
public sealed class HoconException : Exception
{
    /// <summary>Creates an error located at <paramref name="origin"/> with a human readable reason.</summary>
    public HoconException(HoconOrigin origin, string reason, Exception? innerException = null)
        : base($"{origin}: {reason}", innerException)
    {
        Origin = origin ?? throw new ArgumentNullException(nameof(origin));
        Reason = reason;
    }

    /// <summary>Where the problem is.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The file name or label (such as "&lt;string&gt;") where the problem is.</summary>
    public string FileName => Origin.FileName;

    /// <summary>The 1-based line of the problem.</summary>
    public int Line => Origin.Line;

    /// <summary>The 1-based column of the problem.</summary>
    public int Column => Origin.Column;

    /// <summary>The message without the FILE:LINE:COL prefix, saying what was expected and what was found.</summary>
    public string Reason { get; }
}
