namespace Polca.Actors;

/// <summary>Puts messages aside to handle them later, in the order they came.</summary>
public interface IStash
{
    /// <summary>Puts the current message aside.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message to the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Returns the stashed messages that match <paramref name="predicate"/> to the front of the mailbox.</summary>
    void UnstashAll(Func<object, bool> predicate);

    /// <summary>Drops every stashed message and returns them.</summary>
    IReadOnlyList<object> ClearStash();

    /// <summary>Number of stashed messages.</summary>
    int Count { get; }
}
