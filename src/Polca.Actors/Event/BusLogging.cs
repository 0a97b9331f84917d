using System.Globalization;

namespace Polca.Actors.Event;

/// <summary>A logging adapter that publishes log events on the system's event stream, stamped with the system clock.</summary>
public sealed class BusLogging(ActorSystem system, string logSource, Type logClass) : ILoggingAdapter
{
    /// <inheritdoc />
    public bool IsEnabled(LogLevel level) => level >= system.Settings.LogLevel;

    /// <inheritdoc />
    public void Debug(string format, params object?[] args)
    {
        if (IsEnabled(LogLevel.DebugLevel)) system.EventStream.Publish(new Debug(logSource, logClass, Format(format, args), system.Clock.Now));
    }

    /// <inheritdoc />
    public void Info(string format, params object?[] args)
    {
        if (IsEnabled(LogLevel.InfoLevel)) system.EventStream.Publish(new Info(logSource, logClass, Format(format, args), system.Clock.Now));
    }

    /// <inheritdoc />
    public void Warning(string format, params object?[] args)
    {
        if (IsEnabled(LogLevel.WarningLevel)) system.EventStream.Publish(new Warning(logSource, logClass, Format(format, args), system.Clock.Now));
    }

    /// <inheritdoc />
    public void Error(string format, params object?[] args)
    {
        if (IsEnabled(LogLevel.ErrorLevel)) system.EventStream.Publish(new Error(null, logSource, logClass, Format(format, args), system.Clock.Now));
    }

    /// <inheritdoc />
    public void Error(Exception cause, string format, params object?[] args)
    {
        if (IsEnabled(LogLevel.ErrorLevel)) system.EventStream.Publish(new Error(cause, logSource, logClass, Format(format, args), system.Clock.Now));
    }

    private static string Format(string format, object?[] args) =>
        args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
}
