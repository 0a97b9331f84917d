using System.Collections.Concurrent;

namespace Polca.Datacenter.Workloads;

/// <summary>Loads data sources of one kind, parsing each built-in once per process (many runs in one process share them).</summary>
internal sealed class BuiltinCache<T>(Func<TextReader, string, T> parse)
{
    private readonly ConcurrentDictionary<string, Lazy<T>> _builtins = new(StringComparer.Ordinal);

    /// <summary>Opens and parses <paramref name="source"/> (relative paths against <paramref name="baseDirectory"/>).</summary>
    public T Load(string source, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (DataSource.IsBuiltin(source) && DataSource.Problem(source, baseDirectory) is null)
            return _builtins.GetOrAdd(source, s => new Lazy<T>(() => LoadUncached(s, null))).Value;
        return LoadUncached(source, baseDirectory);
    }

    private T LoadUncached(string source, string? baseDirectory)
    {
        using var reader = DataSource.Open(source, baseDirectory, out var name);
        return parse(reader, name);
    }
}
