namespace Polca.Actors.Event;

/// <summary>A log event published on the event stream; loggers (Serilog in Polca) subscribe to it.</summary>
public abstract class LogEvent(string logSource, Type logClass, string message, DateTimeOffset timestamp)
{
    /// <summary>Where it was logged, usually an actor path.</summary>
    public string LogSource { get; } = logSource;

    /// <summary>The type that logged it.</summary>
    public Type LogClass { get; } = logClass;

    /// <summary>The rendered message.</summary>
    public string Message { get; } = message;

    /// <summary>When it was logged, on the system clock (virtual time in virtual runs).</summary>
    public DateTimeOffset Timestamp { get; } = timestamp;

    /// <summary>The id of the thread that logged it.</summary>
    public int Thread { get; } = Environment.CurrentManagedThreadId;

    /// <summary>The severity.</summary>
    public abstract LogLevel LogLevel { get; }

    /// <inheritdoc />
    public override string ToString() => $"[{LogLevel}][{Timestamp:O}][{LogSource}] {Message}";
}
