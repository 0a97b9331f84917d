namespace Polca.Actors.Event;

/// <summary>A log event at Info level.</summary>
public sealed class Info(string logSource, Type logClass, string message, DateTimeOffset timestamp = default)
    : LogEvent(logSource, logClass, message, timestamp)
{
    /// <inheritdoc />
    public override LogLevel LogLevel => LogLevel.InfoLevel;
}
