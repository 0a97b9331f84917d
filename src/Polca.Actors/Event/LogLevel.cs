namespace Polca.Actors.Event;

/// <summary>Severity of a log event, lowest first.</summary>
public enum LogLevel
{
    /// <summary>Detail for debugging.</summary>
    DebugLevel,

    /// <summary>Normal operation worth noting.</summary>
    InfoLevel,

    /// <summary>Something unexpected that the system survived.</summary>
    WarningLevel,

    /// <summary>A failure.</summary>
    ErrorLevel,
}
