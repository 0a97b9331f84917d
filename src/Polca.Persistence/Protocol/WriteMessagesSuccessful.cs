namespace Polca.Persistence;

/// <summary>The whole batch was handled (each write is then confirmed or rejected one by one).</summary>
public sealed record WriteMessagesSuccessful
{
    /// <summary>The one instance.</summary>
    public static readonly WriteMessagesSuccessful Instance = new();
}
