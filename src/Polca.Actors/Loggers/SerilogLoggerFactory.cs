using System.Globalization;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using LogLevel = Polca.Actors.Event.LogLevel;

namespace Polca.Actors.Loggers;

/// <summary>Builds the Serilog logger that the system's log events go to, from <see cref="LoggingSettings"/>.</summary>
internal static class SerilogLoggerFactory
{
    public static Serilog.Core.Logger Create(LoggingSettings settings)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        if (settings.ConsoleEnabled)
        {
            void Console(LoggerSinkConfiguration sink) => sink.Console(
                restrictedToMinimumLevel: ToSerilog(settings.ConsoleLevel),
                outputTemplate: settings.ConsoleTemplate,
                formatProvider: CultureInfo.InvariantCulture,
                standardErrorFromLevel: settings.ConsoleToStandardError ? LogEventLevel.Verbose : null);
            if (settings.Async) configuration.WriteTo.Async(Console, settings.AsyncBufferSize);
            else Console(configuration.WriteTo);
        }
        if (settings.FileEnabled)
        {
            void File(LoggerSinkConfiguration sink) => sink.File(
                settings.FilePath,
                restrictedToMinimumLevel: ToSerilog(settings.FileLevel),
                outputTemplate: settings.FileTemplate,
                formatProvider: CultureInfo.InvariantCulture,
                fileSizeLimitBytes: settings.FileSizeLimit,
                rollingInterval: ToRollingInterval(settings.FileRollingInterval),
                rollOnFileSizeLimit: settings.FileSizeLimit is not null,
                retainedFileCountLimit: settings.FileRetainedCount);
            if (settings.Async) configuration.WriteTo.Async(File, settings.AsyncBufferSize);
            else File(configuration.WriteTo);
        }
        return configuration.CreateLogger();
    }

    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => LogEventLevel.Debug,
        LogLevel.InfoLevel => LogEventLevel.Information,
        LogLevel.WarningLevel => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };

    private static RollingInterval ToRollingInterval(string interval) => interval switch
    {
        "infinite" => RollingInterval.Infinite,
        "year" => RollingInterval.Year,
        "month" => RollingInterval.Month,
        "hour" => RollingInterval.Hour,
        "minute" => RollingInterval.Minute,
        _ => RollingInterval.Day,
    };
}
