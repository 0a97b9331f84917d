using Polca.Hocon.Merging;
using Polca.Hocon.Parsing;

namespace Polca.Hocon.Includes;

/// <summary>
/// Loads the target of an include. Names without an extension try ".conf" and ".json" (both merged, .conf wins).
/// Relative file names are resolved against the including file's directory (the current directory for strings).
/// A missing target is ignored unless the include is required(...).
/// </summary>
internal static class HoconIncluder
{
    private const int MaximumDepth = 50;

    public static HoconObject? Include(HoconIncludeDirective directive, HoconParseContext context)
    {
        if (context.IncludeChain.Count >= MaximumDepth)
        {
            throw new HoconException(directive.Origin, $"includes are nested more than {MaximumDepth} deep");
        }

        return directive.Kind switch
        {
            HoconIncludeKind.Url => throw new HoconException(directive.Origin, $"url(\"{directive.Name}\") includes are not supported; use file(...) or classpath(...)"),
            HoconIncludeKind.Classpath => IncludeResource(directive, context),
            HoconIncludeKind.File => IncludeFile(directive, context),
            _ => context.IsResource ? IncludeResource(directive, context) : IncludeFile(directive, context),
        };
    }

    private static IReadOnlyList<string> CandidateNames(string name) =>
        Path.HasExtension(name) ? [name] : [name + ".json", name + ".conf"];

    private static HoconObject? IncludeFile(HoconIncludeDirective directive, HoconParseContext context)
    {
        var baseDirectory = context.Directory ?? Directory.GetCurrentDirectory();
        HoconObject? result = null;
        var looked = new List<string>();
        foreach (var candidate in CandidateNames(directive.Name))
        {
            var fullPath = Path.GetFullPath(Path.Combine(baseDirectory, candidate));
            var label = Path.IsPathRooted(candidate) || string.IsNullOrEmpty(context.LabelDirectory)
                ? candidate
                : Path.Combine(context.LabelDirectory, candidate);
            looked.Add(label);
            if (!File.Exists(fullPath))
            {
                continue;
            }

            CheckCycle(directive, context, fullPath, label);
            string text;
            try
            {
                text = File.ReadAllText(fullPath);
            }
            catch (IOException exception)
            {
                throw new HoconException(directive.Origin, $"cannot read included file {label}: {exception.Message}", exception);
            }
            catch (UnauthorizedAccessException exception)
            {
                throw new HoconException(directive.Origin, $"cannot read included file {label}: {exception.Message}", exception);
            }

            var childContext = new HoconParseContext
            {
                Label = label,
                Directory = Path.GetDirectoryName(fullPath),
                LabelDirectory = Path.GetDirectoryName(label),
                IncludeChain = [.. context.IncludeChain, fullPath],
            };
            var parsed = HoconParser.Parse(text, childContext);
            result = result is null ? parsed : HoconMerger.MergeObjects(parsed, result);
        }

        if (result is null && directive.IsRequired)
        {
            throw new HoconException(directive.Origin, $"required include \"{directive.Name}\" not found (looked for {string.Join(", ", looked)})");
        }

        return result;
    }

    private static HoconObject? IncludeResource(HoconIncludeDirective directive, HoconParseContext context)
    {
        HoconObject? result = null;
        foreach (var candidate in CandidateNames(directive.Name))
        {
            var found = HoconResourceRegistry.Find(candidate);
            if (found is null)
            {
                continue;
            }

            var (assembly, resourceName) = found.Value;
            var identity = $"resource:{assembly.FullName}:{resourceName}";
            CheckCycle(directive, context, identity, resourceName);
            var childContext = new HoconParseContext
            {
                Label = resourceName,
                IsResource = true,
                IncludeChain = [.. context.IncludeChain, identity],
            };
            var parsed = HoconParser.Parse(HoconResourceRegistry.Read(assembly, resourceName), childContext);
            result = result is null ? parsed : HoconMerger.MergeObjects(parsed, result);
        }

        if (result is null && directive.IsRequired)
        {
            throw new HoconException(directive.Origin, $"required include classpath(\"{directive.Name}\") not found in the embedded resources of the registered assemblies");
        }

        return result;
    }

    private static void CheckCycle(HoconIncludeDirective directive, HoconParseContext context, string identity, string label)
    {
        if (context.IncludeChain.Contains(identity))
        {
            throw new HoconException(directive.Origin, $"include cycle: {context.Label} includes {label}, which is already being included");
        }
    }
}
