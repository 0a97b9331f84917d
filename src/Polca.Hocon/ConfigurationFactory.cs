using System.Reflection;
using Polca.Hocon.Merging;
using Polca.Hocon.Parsing;

namespace Polca.Hocon;

/// <summary>
/// Entry points with Akka.NET's names. Every method parses, merges includes, then resolves substitutions against the
/// whole root. The overloads taking a fallback merge the fallback underneath before resolving, so the text may refer
/// to values only the fallback defines (and the fallback's substitutions see the text's overrides).
/// </summary>
public static class ConfigurationFactory
{
    /// <summary>The default name of the embedded reference defaults each module ships.</summary>
    public const string ReferenceResourceName = "reference.conf";

    /// <summary>The empty configuration.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>Parses HOCON text (labelled "&lt;string&gt;" in errors); relative includes are looked up in the current directory.</summary>
    public static Config ParseString(string hocon) => ParseString(hocon, Config.Empty);

    /// <summary>Parses HOCON text with <paramref name="fallback"/> underneath, resolving substitutions after the merge.</summary>
    public static Config ParseString(string hocon, Config fallback)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        var parsed = HoconParser.Parse(hocon, HoconParseContext.ForString());
        return Compose(parsed, fallback);
    }

    /// <summary>Parses a HOCON (or JSON) file; errors and includes name it as given. Throws <see cref="FileNotFoundException"/> when missing.</summary>
    public static Config ParseFile(string path) => ParseFile(path, Config.Empty);

    /// <summary>Parses a file with <paramref name="fallback"/> underneath, resolving substitutions after the merge.</summary>
    public static Config ParseFile(string path, Config fallback)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        var context = new HoconParseContext
        {
            Label = path,
            Directory = Path.GetDirectoryName(fullPath),
            LabelDirectory = Path.GetDirectoryName(path),
            IncludeChain = [fullPath],
        };
        return Compose(HoconParser.Parse(File.ReadAllText(fullPath), context), fallback);
    }

    /// <summary>
    /// Parses the embedded resource of <paramref name="assembly"/> whose manifest name is, or ends with "." + ,
    /// <paramref name="resourceName"/>; its plain includes look for resources of the registered assemblies.
    /// </summary>
    public static Config FromResource(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourceName);
        var manifestName = HoconResourceRegistry.FindIn(assembly, resourceName)
            ?? throw new FileNotFoundException($"embedded resource {resourceName} not found in {assembly.GetName().Name}", resourceName);
        return Config.FromUnresolved(ParseResource(assembly, manifestName));
    }

    /// <summary>Parses the first embedded resource named <paramref name="resourceName"/> among the registered assemblies.</summary>
    public static Config FromResource(string resourceName)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        var found = HoconResourceRegistry.Find(resourceName)
            ?? throw new FileNotFoundException($"embedded resource {resourceName} not found in the registered assemblies", resourceName);
        return Config.FromUnresolved(ParseResource(found.Assembly, found.ResourceName));
    }

    /// <summary>
    /// Loads the reference defaults: the "reference.conf" resource of every assembly registered with
    /// <see cref="HoconResourceRegistry"/>, merged so that an assembly registered later overrides one registered earlier,
    /// then resolved together.
    /// </summary>
    public static Config Load() => Load(Config.Empty);

    /// <summary>Loads the reference defaults with <paramref name="application"/> on top, resolved together.</summary>
    public static Config Load(Config application)
    {
        ArgumentNullException.ThrowIfNull(application);
        HoconObject? merged = null;
        foreach (var assembly in HoconResourceRegistry.Assemblies)
        {
            var manifestName = HoconResourceRegistry.FindIn(assembly, ReferenceResourceName);
            if (manifestName is null)
            {
                continue;
            }

            var parsed = ParseResource(assembly, manifestName);
            merged = merged is null ? parsed : HoconMerger.MergeObjects(parsed, merged);
        }

        var reference = merged is null ? Config.Empty : Config.FromUnresolved(merged);
        return application.WithFallback(reference);
    }

    private static HoconObject ParseResource(Assembly assembly, string manifestName)
    {
        var context = new HoconParseContext
        {
            Label = manifestName,
            IsResource = true,
            IncludeChain = [$"resource:{assembly.FullName}:{manifestName}"],
        };
        return HoconParser.Parse(HoconResourceRegistry.Read(assembly, manifestName), context);
    }

    private static Config Compose(HoconObject parsed, Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var document = Config.FromUnresolvedOver(parsed, fallback);
        return document;
    }
}
