namespace Polca.Cli;

/// <summary>The exit codes of polca.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Bad usage, or the input (a file, a configuration) is wrong; the reason is on stderr.</summary>
    public const int Failure = 2;
}
