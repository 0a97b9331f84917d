namespace Polca.Actors.Event;

/// <summary>A log event at Warning level.</summary>
public sealed class Warning(string logSource, Type logClass, string message, DateTimeOffset timestamp = default)
    : LogEvent(logSource, logClass, message, timestamp)
{
    /// <inheritdoc />
    public override LogLevel LogLevel => LogLevel.WarningLevel;
}
