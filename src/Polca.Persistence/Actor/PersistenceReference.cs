using Polca.Hocon;

namespace Polca.Persistence;

/// <summary>The persistence section of the embedded reference configuration.</summary>
internal static class PersistenceReference
{
    private static readonly Lazy<Config> Reference = new(() =>
    {
        HoconResourceRegistry.Register(typeof(Polca.Actors.ActorSystem).Assembly);
        return ConfigurationFactory.FromResource(typeof(Polca.Actors.ActorSystem).Assembly, ConfigurationFactory.ReferenceResourceName);
    });

    public static Config Config => Reference.Value;
}
