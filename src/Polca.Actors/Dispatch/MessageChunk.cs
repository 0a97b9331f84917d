namespace Polca.Actors.Dispatch;

/// <summary>A fixed-size block of a mailbox's user-message queue; blocks are chained, so a growing queue never copies.</summary>
internal sealed class MessageChunk(int capacity)
{
    /// <summary>The envelopes; slots past <see cref="Count"/> are empty.</summary>
    public readonly Envelope[] Items = new Envelope[capacity];

    /// <summary>Slots filled by producers.</summary>
    public int Count;

    /// <summary>The next block, filled after this one.</summary>
    public MessageChunk? Next;
}
