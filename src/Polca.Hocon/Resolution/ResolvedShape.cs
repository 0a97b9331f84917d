using Polca.Hocon.Model;
using Polca.Hocon.Paths;

namespace Polca.Hocon.Resolution;

/// <summary>
/// What a field reduces to during resolution: nothing (undefined), a fully resolved non-object value,
/// or an object whose children may still be unresolved (so lookups can descend without resolving siblings).
/// </summary>
internal readonly record struct ResolvedShape(HoconValue? Value, HoconPath? Alias = null, HoconSubstitution? Via = null)
{
    public static ResolvedShape Undefined => default;

    public bool IsUndefined => Value is null;
}
