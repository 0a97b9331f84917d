using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>Children of the cell: creation with unique names, lookup, and stopping.</summary>
internal sealed partial class ActorCell
{
    private Dictionary<string, IInternalActorRef>? _children;

    /// <inheritdoc />
    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (name is not null && !ActorPath.IsValidPathElement(name))
            throw new InvalidActorNameException($"Invalid actor name '{name}': use letters, digits and -_.*$+:@&=,!~';() and do not start with '$'");
        if (_state != StateAlive) throw new InvalidOperationException($"{Self} is stopping and cannot create children");
        LocalActorRef child;
        lock (this)
        {
            var children = _children ??= new Dictionary<string, IInternalActorRef>(StringComparer.Ordinal);
            name ??= NextRandomName();
            if (children.ContainsKey(name))
                throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Self.Path}");
            child = SystemImpl.NewLocalActorRef(props, _self, name);
            children.Add(name, child);
        }
        child.Cell.EnqueueSystem(new Create());
        return child;
    }

    private string NextRandomName()
    {
        var n = Extras.NextChildName++;
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = Base64Chars[(int)(n & 63)];
            n >>= 6;
        } while (n != 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    private const string Base64Chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    /// <inheritdoc />
    public IActorRef Child(string name)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(name, out var child) ? child : ActorRefs.Nobody;
        }
    }

    /// <summary>Looks up a child by name; null when absent.</summary>
    internal IInternalActorRef? GetChildByName(string name)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(name, out var child) ? child : null;
        }
    }

    /// <inheritdoc />
    public IEnumerable<IActorRef> Children => ChildrenSnapshot();

    /// <inheritdoc />
    public IEnumerable<IActorRef> GetChildren() => ChildrenSnapshot();

    internal IInternalActorRef[] ChildrenSnapshot()
    {
        lock (this)
        {
            return _children is null || _children.Count == 0 ? [] : [.. _children.Values];
        }
    }

    private bool HasChildren
    {
        get
        {
            lock (this)
            {
                return _children is { Count: > 0 };
            }
        }
    }

    /// <inheritdoc />
    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef target) return;
        if (ReferenceEquals(target, _self))
        {
            _self.SendSystemMessage(new Terminate());
            return;
        }
        if (IsChild(target)) (Extras.ChildrenToDie ??= new HashSet<IActorRef>()).Add(target);
        target.SendSystemMessage(new Terminate());
    }

    private bool IsChild(IActorRef actor)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(actor.Path.Name, out var c) && c.Equals(actor);
        }
    }

    /// <summary>Sends Terminate to every child and records them as dying.</summary>
    private void StopAllChildren()
    {
        foreach (var child in ChildrenSnapshot())
        {
            (Extras.ChildrenToDie ??= new HashSet<IActorRef>()).Add(child);
            child.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>Forgets a stopped child; continues a pending stop or restart once none is left to wait for.</summary>
    private void HandleChildTerminated(IInternalActorRef child)
    {
        lock (this)
        {
            // One look-up: remove by name, and put back the rare other incarnation under that name (it takes the slot
            // just freed, so the children's order is unchanged).
            if (_children is not null && _children.Remove(child.Path.Name, out var c) && !c.Equals(child))
                _children.Add(child.Path.Name, c);
        }
        _extras?.ChildrenToDie?.Remove(child);
        _extras?.RestartStats?.Remove(child);
        if (_state == StateTerminating)
        {
            if (!HasChildren) FinishTerminate();
        }
        else if (_extras?.PendingRecreateCause is { } cause && (_extras.ChildrenToDie is null || _extras.ChildrenToDie.Count == 0))
        {
            _extras.PendingRecreateCause = null;
            FinishRecreate(cause);
        }
    }
}
