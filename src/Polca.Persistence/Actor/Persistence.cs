using Polca.Actors;

namespace Polca.Persistence;

/// <summary>The persistence extension's id: <c>Persistence.Instance.Apply(system)</c>.</summary>
public sealed class Persistence : ExtensionIdProvider<PersistenceExtension>
{
    /// <summary>The one id.</summary>
    public static readonly Persistence Instance = new();

    /// <inheritdoc />
    public override PersistenceExtension CreateExtension(ActorSystem system) => new(system);
}
