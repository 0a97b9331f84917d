using Polca.Hocon;

namespace Polca.Actors;

/// <summary>The embedded reference.conf: every default of the runtime and of the emulated world, the fallback of every configuration.</summary>
public static class ReferenceConfiguration
{
    /// <summary>The parsed reference configuration.</summary>
    public static Config Config => ActorSystemConfigReader.Reference;
}
