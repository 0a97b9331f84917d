namespace Polca.Datacenter.Tests.Support;

/// <summary>Paths inside the repository (found by walking up to Polca.Actors.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Polca.Actors.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("cannot find Polca.Actors.sln above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A scenario file under scenarios/.</summary>
    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);
}
