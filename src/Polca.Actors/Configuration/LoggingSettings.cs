using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>Where log events go (Serilog sinks) and how dead letters are logged; read from <c>polca.logging</c>.</summary>
public sealed record LoggingSettings
{
    /// <summary>Whether the console sink is on.</summary>
    public bool ConsoleEnabled { get; init; }

    /// <summary>Lowest level written to the console.</summary>
    public LogLevel ConsoleLevel { get; init; }

    /// <summary>Serilog output template of the console.</summary>
    public string ConsoleTemplate { get; init; } = "";

    /// <summary>Whether the console sink writes to standard error instead of standard output.</summary>
    public bool ConsoleToStandardError { get; init; }

    /// <summary>Whether the rolling-file sink is on.</summary>
    public bool FileEnabled { get; init; }

    /// <summary>Path of the log file; Serilog inserts the interval's date before the extension.</summary>
    public string FilePath { get; init; } = "";

    /// <summary>Lowest level written to the file.</summary>
    public LogLevel FileLevel { get; init; }

    /// <summary>How often a new file starts: infinite, year, month, day, hour or minute.</summary>
    public string FileRollingInterval { get; init; } = "day";

    /// <summary>How many files are kept; null keeps all.</summary>
    public int? FileRetainedCount { get; init; }

    /// <summary>Size at which a file is rolled over; null for no limit.</summary>
    public long? FileSizeLimit { get; init; }

    /// <summary>Serilog output template of the file.</summary>
    public string FileTemplate { get; init; } = "";

    /// <summary>Whether sinks are wrapped in Serilog's async sink.</summary>
    public bool Async { get; init; }

    /// <summary>Events the async sink buffers before it drops.</summary>
    public int AsyncBufferSize { get; init; }

    /// <summary>Whether dead letters are logged.</summary>
    public bool DeadLettersEnabled { get; init; }

    /// <summary>Dead letters logged per interval; the rest are counted and summarised.</summary>
    public int DeadLettersPerInterval { get; init; }

    /// <summary>The dead-letter logging interval, in emulated time.</summary>
    public TimeSpan DeadLettersInterval { get; init; }

    /// <summary>True when any sink is on.</summary>
    public bool AnySink => ConsoleEnabled || FileEnabled;
}
