namespace Polca.Actors.Event;

/// <summary>The logger an actor gets from Context.GetLogger(); messages use .NET composite format ({0}).</summary>
public interface ILoggingAdapter
{
    /// <summary>True when events at <paramref name="level"/> are published.</summary>
    bool IsEnabled(LogLevel level);

    /// <summary>Logs at debug level.</summary>
    void Debug(string format, params object?[] args);

    /// <summary>Logs at info level.</summary>
    void Info(string format, params object?[] args);

    /// <summary>Logs at warning level.</summary>
    void Warning(string format, params object?[] args);

    /// <summary>Logs at error level.</summary>
    void Error(string format, params object?[] args);

    /// <summary>Logs at error level with the exception behind it.</summary>
    void Error(Exception cause, string format, params object?[] args);
}
