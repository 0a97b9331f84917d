using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>The stash of one actor: envelopes set aside, put back at the front of its mailbox on unstash.</summary>
internal sealed class UnboundedStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];

    /// <inheritdoc />
    public int Count => _stashed.Count;

    /// <inheritdoc />
    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null) throw new InvalidOperationException("There is no current message to stash");
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message) && ReferenceEquals(_stashed[^1].Sender, current.Sender))
            throw new InvalidOperationException($"The message {current.Message} is already stashed");
        _stashed.Add(current);
    }

    /// <inheritdoc />
    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.PrependUserMessages([first]);
    }

    /// <inheritdoc />
    public void UnstashAll()
    {
        if (_stashed.Count == 0) return;
        var all = _stashed.ToArray();
        _stashed.Clear();
        cell.PrependUserMessages(all);
    }

    /// <inheritdoc />
    public void UnstashAll(Func<object, bool> predicate)
    {
        var selected = _stashed.Where(e => predicate(e.Message)).ToArray();
        _stashed.RemoveAll(e => predicate(e.Message));
        cell.PrependUserMessages(selected);
    }

    /// <inheritdoc />
    public IReadOnlyList<object> ClearStash()
    {
        var messages = _stashed.Select(e => e.Message).ToArray();
        _stashed.Clear();
        return messages;
    }

    /// <summary>Removes and returns every stashed envelope.</summary>
    internal Envelope[] TakeAll()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
