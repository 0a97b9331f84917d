using System.Collections.Concurrent;
using System.Reflection;

namespace Polca.Actors;

/// <summary>The recipe for an actor: how to make an instance, and which supervisor strategy it uses for its children.</summary>
public sealed class Props
{
    private static readonly ConcurrentDictionary<(Type, string), ConstructorInfo> Constructors = new();

    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The type of actor these props create.</summary>
    public Type ActorType { get; }

    /// <summary>The strategy the actor uses for its children, overriding the actor's own; null to use the actor's.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor(), null);

    /// <summary>Props that call <paramref name="factory"/> for every new instance (on start and on each restart).</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        new(typeof(TActor), factory, null);

    /// <summary>Props that call the constructor of <typeparamref name="TActor"/> matching <paramref name="args"/>.</summary>
    public static Props Create<TActor>(params object?[] args) where TActor : ActorBase => Create(typeof(TActor), args);

    /// <summary>Props that call the constructor of <paramref name="actorType"/> matching <paramref name="args"/>.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        if (!typeof(ActorBase).IsAssignableFrom(actorType))
            throw new ArgumentException($"{actorType} is not an actor type (it does not derive from ActorBase)", nameof(actorType));
        var constructor = FindConstructor(actorType, args);
        var captured = (object?[])args.Clone();
        return new Props(actorType, () => (ActorBase)constructor.Invoke(captured), null);
    }

    /// <summary>Returns a copy that supervises the actor's children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(ActorType, _factory, strategy);

    /// <summary>Makes a new actor instance.</summary>
    internal ActorBase NewActor() => _factory();

    private static ConstructorInfo FindConstructor(Type type, object?[] args)
    {
        var key = (type, string.Join(",", args.Select(a => a?.GetType().FullName ?? "null")));
        return Constructors.GetOrAdd(key, _ =>
        {
            var matches = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(c => Accepts(c.GetParameters(), args))
                .ToList();
            return matches.Count switch
            {
                1 => matches[0],
                0 => throw new ArgumentException($"{type.Name} has no constructor taking ({key.Item2})"),
                _ => throw new ArgumentException($"{type.Name} has {matches.Count} constructors taking ({key.Item2}); use Props.Create(() => new {type.Name}(...))"),
            };
        });
    }

    private static bool Accepts(ParameterInfo[] parameters, object?[] args)
    {
        if (parameters.Length != args.Length) return false;
        for (var i = 0; i < args.Length; i++)
        {
            var p = parameters[i].ParameterType;
            if (args[i] is null ? p.IsValueType && Nullable.GetUnderlyingType(p) is null : !p.IsInstanceOfType(args[i])) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name})";
}
