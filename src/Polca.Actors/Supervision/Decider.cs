namespace Polca.Actors;

/// <summary>Helpers to build deciders: functions from an exception to a directive.</summary>
public static class Decider
{
    /// <summary>A decider that picks the directive of the first type the exception is assignable to, else <paramref name="otherwise"/>.</summary>
    public static Func<Exception, Directive> From(Directive otherwise, params (Type Exception, Directive Directive)[] rules) =>
        cause =>
        {
            foreach (var (type, directive) in rules)
                if (type.IsInstanceOfType(cause)) return directive;
            return otherwise;
        };
}
