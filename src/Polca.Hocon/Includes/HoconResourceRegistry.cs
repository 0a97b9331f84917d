using System.Reflection;
using System.Text;

namespace Polca.Hocon;

/// <summary>
/// The assemblies whose embedded resources <c>include classpath("name")</c> and
/// <see cref="ConfigurationFactory.Load()"/> look through, so each module can ship its defaults embedded.
/// A resource matches a name when its manifest name equals the name or ends with "." + the name
/// (with '/' read as '.'), e.g. "Polca.Actors.reference.conf" matches "reference.conf".
/// </summary>
public static class HoconResourceRegistry
{
    private static readonly Lock Gate = new();
    private static readonly List<Assembly> RegisteredAssemblies = [];

    /// <summary>The registered assemblies in registration order.</summary>
    public static IReadOnlyList<Assembly> Assemblies
    {
        get
        {
            lock (Gate)
            {
                return [.. RegisteredAssemblies];
            }
        }
    }

    /// <summary>Registers <paramref name="assembly"/>; registering it again does nothing.</summary>
    public static void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (Gate)
        {
            if (!RegisteredAssemblies.Contains(assembly))
            {
                RegisteredAssemblies.Add(assembly);
            }
        }
    }

    /// <summary>Removes <paramref name="assembly"/>; returns false when it was not registered.</summary>
    public static bool Unregister(Assembly assembly)
    {
        lock (Gate)
        {
            return RegisteredAssemblies.Remove(assembly);
        }
    }

    /// <summary>Finds the first registered resource matching <paramref name="name"/>.</summary>
    internal static (Assembly Assembly, string ResourceName)? Find(string name)
    {
        foreach (var assembly in Assemblies)
        {
            var resource = FindIn(assembly, name);
            if (resource is not null)
            {
                return (assembly, resource);
            }
        }

        return null;
    }

    /// <summary>The manifest name in <paramref name="assembly"/> matching <paramref name="name"/>, or null.</summary>
    internal static string? FindIn(Assembly assembly, string name)
    {
        var dotted = name.Replace('/', '.').Replace('\\', '.');
        var names = assembly.GetManifestResourceNames();
        return names.FirstOrDefault(n => n == name || n == dotted)
            ?? names.FirstOrDefault(n => n.EndsWith("." + dotted, StringComparison.Ordinal));
    }

    /// <summary>Reads a manifest resource as UTF-8 text.</summary>
    internal static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new FileNotFoundException($"embedded resource {resourceName} not found in {assembly.GetName().Name}", resourceName);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
