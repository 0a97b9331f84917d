namespace Polca.Actors.Event;

/// <summary>Entry points to loggers.</summary>
public static class Logging
{
    /// <summary>A logger whose source is the actor's path.</summary>
    public static ILoggingAdapter GetLogger(this IActorContext context) =>
        new BusLogging(context.System, context.Self.Path.ToString(), context.Props.ActorType);

    /// <summary>A logger for code outside actors.</summary>
    public static ILoggingAdapter GetLogger(ActorSystem system, string logSource, Type? logClass = null) =>
        new BusLogging(system, logSource, logClass ?? typeof(ActorSystem));
}
