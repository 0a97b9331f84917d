namespace Polca.Actors;

/// <summary>An actor with a stash; the runtime sets <see cref="Stash"/> before the constructor body runs.</summary>
public interface IWithUnboundedStash
{
    /// <summary>The actor's stash. Stashed messages survive a restart and become dead letters on stop.</summary>
    IStash Stash { get; set; }
}
