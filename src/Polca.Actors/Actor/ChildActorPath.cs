namespace Polca.Actors;

/// <summary>The path of an actor below the root: its parent's path, its name and its incarnation uid.</summary>
public sealed class ChildActorPath : ActorPath
{
    private readonly ActorPath _parent;
    private readonly string _name;
    private readonly long _uid;

    /// <summary>Creates the path <paramref name="parent"/>/<paramref name="name"/> with the given uid.</summary>
    public ChildActorPath(ActorPath parent, string name, long uid)
    {
        if (name.Contains('/')) throw new ArgumentException($"'{name}' is not a single path element", nameof(name));
        _parent = parent;
        _name = name;
        _uid = uid;
    }

    /// <inheritdoc />
    public override Address Address => Root.Address;

    /// <inheritdoc />
    public override string Name => _name;

    /// <inheritdoc />
    public override ActorPath Parent => _parent;

    /// <inheritdoc />
    public override RootActorPath Root
    {
        get
        {
            var p = _parent;
            while (p is ChildActorPath c) p = c._parent;
            return (RootActorPath)p;
        }
    }

    /// <inheritdoc />
    public override long Uid => _uid;

    /// <inheritdoc />
    public override int Depth
    {
        get
        {
            var depth = 1;
            var p = _parent;
            while (p is ChildActorPath c)
            {
                depth++;
                p = c._parent;
            }
            return depth;
        }
    }

    /// <inheritdoc />
    public override ActorPath WithUid(long uid) => uid == _uid ? this : new ChildActorPath(_parent, _name, uid);
}
