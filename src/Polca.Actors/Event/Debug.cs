namespace Polca.Actors.Event;

/// <summary>A log event at Debug level.</summary>
public sealed class Debug(string logSource, Type logClass, string message, DateTimeOffset timestamp = default)
    : LogEvent(logSource, logClass, message, timestamp)
{
    /// <inheritdoc />
    public override LogLevel LogLevel => LogLevel.DebugLevel;
}
