namespace Polca.Actors.Event;

/// <summary>A log event at error level, with the exception behind it if any.</summary>
public sealed class Error(Exception? cause, string logSource, Type logClass, string message, DateTimeOffset timestamp = default)
    : LogEvent(logSource, logClass, message, timestamp)
{
    /// <summary>The exception, if any.</summary>
    public Exception? Cause { get; } = cause;

    /// <inheritdoc />
    public override LogLevel LogLevel => LogLevel.ErrorLevel;

    /// <inheritdoc />
    public override string ToString() => Cause is null ? base.ToString() : $"{base.ToString()}{Environment.NewLine}{Cause}";
}
