using Polca.Actors.Event;

namespace Polca.TestKit;

/// <summary>Builds expectations on log events and dead letters published while a block of test code runs.</summary>
public sealed class EventFilterFactory
{
    private readonly TestKitBase _kit;

    internal EventFilterFactory(TestKitBase kit) => _kit = kit;

    /// <summary>Error events caused by an exception of type <typeparamref name="T"/>.</summary>
    public EventFilterApplier Exception<T>(string? message = null, string? contains = null, string? source = null) where T : Exception =>
        Log<Error>(e => e.Cause is T, message, contains, source, $"an error caused by {typeof(T).Name}");

    /// <summary>Error events caused by an exception of <paramref name="type"/>.</summary>
    public EventFilterApplier Exception(Type type, string? message = null, string? contains = null, string? source = null) =>
        Log<Error>(e => type.IsInstanceOfType(e.Cause), message, contains, source, $"an error caused by {type.Name}");

    /// <summary>Error events.</summary>
    public EventFilterApplier Error(string? message = null, string? contains = null, string? source = null) =>
        Log<Error>(_ => true, message, contains, source, "an error");

    /// <summary>Warning events.</summary>
    public EventFilterApplier Warning(string? message = null, string? contains = null, string? source = null) =>
        Log<Warning>(_ => true, message, contains, source, "a warning");

    /// <summary>Info events.</summary>
    public EventFilterApplier Info(string? message = null, string? contains = null, string? source = null) =>
        Log<Info>(_ => true, message, contains, source, "an info event");

    /// <summary>Debug events.</summary>
    public EventFilterApplier Debug(string? message = null, string? contains = null, string? source = null) =>
        Log<Debug>(_ => true, message, contains, source, "a debug event");

    /// <summary>Dead letters carrying a message of type <typeparamref name="T"/> (that matches <paramref name="isMatch"/>).</summary>
    public EventFilterApplier DeadLetter<T>(Func<T, bool>? isMatch = null) =>
        new(_kit, e => e is DeadLetter { Message: T m } && (isMatch?.Invoke(m) ?? true), $"a dead letter of {typeof(T).Name}");

    /// <summary>Any dead letter.</summary>
    public EventFilterApplier DeadLetter() => new(_kit, e => e is DeadLetter, "a dead letter");

    /// <summary>Events matching <paramref name="isMatch"/> (log events and dead letters are offered).</summary>
    public EventFilterApplier Custom(Func<object, bool> isMatch) => new(_kit, isMatch, "a matching event");

    private EventFilterApplier Log<T>(Func<T, bool> match, string? message, string? contains, string? source, string what) where T : LogEvent =>
        new(_kit, e => e is T log && match(log)
                       && (message is null || log.Message == message)
                       && (contains is null || log.Message.Contains(contains, StringComparison.Ordinal))
                       && (source is null || log.LogSource == source),
            what + (message is null ? "" : $" with message \"{message}\"") + (contains is null ? "" : $" containing \"{contains}\""));
}
