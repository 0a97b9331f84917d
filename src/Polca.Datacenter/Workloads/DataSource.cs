using Polca.Datacenter.Scenario;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// Opens a data source named in a scenario: <c>builtin:NAME</c> for a data set embedded in this assembly, or a file
/// path (a relative path resolves against the scenario file's folder).
/// </summary>
public static class DataSource
{
    /// <summary>The prefix that marks a built-in data set.</summary>
    public const string BuiltinPrefix = "builtin:";

    private static readonly string[] BuiltinNames = ["azure-code-2023", "azure-conv-2023", "splitwise-perf-model"];

    /// <summary>The built-in sources, as a scenario names them (<c>builtin:azure-code-2023</c>, ...).</summary>
    public static IReadOnlyList<string> BuiltinSources { get; } = Array.AsReadOnly(BuiltinNames.Select(n => BuiltinPrefix + n).ToArray());

    /// <summary>True when <paramref name="source"/> starts with <c>builtin:</c> (known or not).</summary>
    public static bool IsBuiltin(string source) => source.StartsWith(BuiltinPrefix, StringComparison.Ordinal);

    /// <summary>The name errors use: the source itself for a built-in, the resolved path for a file.</summary>
    public static string DisplayName(string source, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(source);
        return IsBuiltin(source) ? source : ResolvePath(source, baseDirectory);
    }

    /// <summary>Why <paramref name="source"/> cannot be opened (what was expected and what was found), or null when it can.</summary>
    public static string? Problem(string source, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (IsBuiltin(source))
        {
            return Array.IndexOf(BuiltinNames, source[BuiltinPrefix.Length..]) >= 0
                ? null
                : $"unknown built-in data set: expected one of {string.Join(", ", BuiltinSources)}, found \"{source}\"";
        }

        if (source.Length == 0)
        {
            return "expected a built-in data set or a file path, found an empty string";
        }

        var path = ResolvePath(source, baseDirectory);
        return File.Exists(path) ? null : $"expected an existing file, found no file at \"{path}\"";
    }

    /// <summary>
    /// Opens <paramref name="source"/> for reading and gives its display name; throws an
    /// <see cref="InputFileException"/> (line 0) for an unknown built-in or a missing file.
    /// </summary>
    public static TextReader Open(string source, string? baseDirectory, out string displayName)
    {
        displayName = DisplayName(source, baseDirectory);
        var problem = Problem(source, baseDirectory);
        if (problem is not null)
        {
            throw new InputFileException(displayName, 0, problem);
        }

        if (IsBuiltin(source))
        {
            var resource = source[BuiltinPrefix.Length..] + ".csv";
            var stream = typeof(DataSource).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"the assembly {typeof(DataSource).Assembly.GetName().Name} lacks its embedded resource \"{resource}\"");
            return new StreamReader(stream);
        }

        try
        {
            return new StreamReader(displayName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(displayName, 0, $"expected a readable file, found: {e.Message}", e);
        }
    }

    private static string ResolvePath(string source, string? baseDirectory) =>
        baseDirectory is null || Path.IsPathRooted(source) ? source : Path.Combine(baseDirectory, source);
}
