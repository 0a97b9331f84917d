namespace Polca.Actors;

/// <summary>Creates and finds the one instance of an extension per system: <c>Persistence.Instance.Apply(system)</c>.</summary>
public abstract class ExtensionIdProvider<T> where T : class, IExtension
{
    /// <summary>Creates the extension for <paramref name="system"/>; called once per system.</summary>
    public abstract T CreateExtension(ActorSystem system);

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public T Apply(ActorSystem system) => system.RegisterExtension(this);

    /// <summary>The extension of <paramref name="system"/>, created on first use (Akka.NET's other name).</summary>
    public T Get(ActorSystem system) => Apply(system);
}
