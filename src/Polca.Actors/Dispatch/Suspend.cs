namespace Polca.Actors.Dispatch;

/// <summary>Stop processing user messages until resumed.</summary>
internal sealed class Suspend : SystemMessage;
