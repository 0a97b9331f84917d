using System.Collections.Concurrent;
using System.Reflection;

namespace Polca.Actors;

/// <summary>Which actor types override <see cref="ActorBase.AroundReceive"/>, found by reflection once per type.</summary>
internal static class AroundReceiveOverridden
{
    private static readonly ConcurrentDictionary<Type, bool> Known = new();

    /// <summary>True when <paramref name="actorType"/> (or a base below ActorBase) overrides AroundReceive.</summary>
    public static bool IsOverridden(Type actorType) => Known.GetOrAdd(actorType, static type =>
        type.GetMethod("AroundReceive", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(Receive), typeof(object)])
            ?.DeclaringType != typeof(ActorBase));
}
