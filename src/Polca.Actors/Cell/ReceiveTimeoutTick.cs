namespace Polca.Actors;

/// <summary>The scheduled tick behind a receive timeout; stale generations are ignored.</summary>
internal sealed class ReceiveTimeoutTick(long generation) : INotInfluenceReceiveTimeout
{
    public long Generation { get; } = generation;
}
