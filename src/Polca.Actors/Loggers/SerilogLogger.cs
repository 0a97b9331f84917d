using Serilog.Events;
using Serilog.Parsing;
using PolcaLogEvent = Polca.Actors.Event.LogEvent;

namespace Polca.Actors.Loggers;

/// <summary>
/// The logger actor: subscribed to log events on the event stream, it writes each to Serilog with the emulated
/// timestamp, the source (usually an actor path) as SourceContext, and the logging type as LogClass.
/// </summary>
internal sealed class SerilogLogger(Serilog.ILogger logger) : ActorBase
{
    protected override bool Receive(object message)
    {
        if (message is not PolcaLogEvent log) return false;
        var properties = new List<LogEventProperty>(3)
        {
            new("SourceContext", new ScalarValue(log.LogSource)),
            new("LogClass", new ScalarValue(log.LogClass.Name)),
            new("ThreadId", new ScalarValue(log.Thread)),
        };
        var exception = log is Event.Error error ? error.Cause : null;
        // The message is already rendered: one text token, so braces in it are not read as template holes.
        var template = new MessageTemplate([new TextToken(log.Message)]);
        logger.Write(new LogEvent(log.Timestamp, SerilogLoggerFactory.ToSerilog(log.LogLevel), exception, template, properties));
        return true;
    }
}
