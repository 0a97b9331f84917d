namespace Polca.Datacenter.Scenario;

/// <summary>
/// Bad input in a data file (a trace, a performance table, a summary): its message has the form <c>FILE:LINE: reason</c>
/// (line 0 when the whole file is at fault), saying what was expected and what was found.
/// </summary>
public sealed class InputFileException : Exception
{
    /// <summary>Creates an error at <paramref name="line"/> of <paramref name="file"/>.</summary>
    public InputFileException(string file, int line, string reason, Exception? innerException = null)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}", innerException)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line at fault, or 0 for the whole file.</summary>
    public int Line { get; }

    /// <summary>The message without the FILE:LINE prefix.</summary>
    public string Reason { get; }
}
