using Polca.Hocon;

namespace Polca.Cli.Commands;

/// <summary><c>polca config FILE</c>: prints the fully resolved configuration of FILE as indented JSON.</summary>
public sealed class ConfigCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "config";

    /// <inheritdoc />
    public string Summary => "print the fully resolved configuration of a HOCON file as JSON";

    /// <inheritdoc />
    public string Help => """
        usage: polca config [--with-defaults] FILE

        Parses FILE as HOCON (includes, merges and substitutions resolved, environment
        variables used for undefined substitutions) and prints the result as indented JSON.

        --with-defaults  merge FILE over the embedded reference.conf (every default) and check
                         the runtime's sections (polca.actor, polca.clock, polca.logging, ...):
                         an unknown key or a value of the wrong type is an error

        exit codes:
          0  the configuration was printed on stdout
          2  bad usage, a missing file, or an error in the configuration; errors are
             printed on stderr as FILE:LINE:COL: message
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (arguments.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Help);
            return ExitCodes.Success;
        }

        var withDefaults = arguments.Contains("--with-defaults");
        var rest = arguments.Where(a => a != "--with-defaults").ToList();
        if (rest.Count != 1 || rest[0].StartsWith('-'))
        {
            error.WriteLine(rest.Count == 0 ? "polca config: missing FILE" : $"polca config: expected one FILE but got: {string.Join(' ', rest)}");
            error.WriteLine(Help);
            return ExitCodes.Failure;
        }

        var file = rest[0];
        if (!File.Exists(file))
        {
            error.WriteLine($"{file}: file not found");
            return ExitCodes.Failure;
        }

        try
        {
            var config = ConfigurationFactory.ParseFile(file);
            if (withDefaults) config = Polca.Actors.ActorSystemSettings.FromConfig(config).Config;
            output.WriteLine(config.ToJson());
            return ExitCodes.Success;
        }
        catch (HoconException exception)
        {
            error.WriteLine(exception.Message);
        }
        catch (FileNotFoundException)
        {
            error.WriteLine($"{file}: file not found");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{file}: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error.WriteLine($"{file}: internal error ({exception.GetType().Name}): {exception.Message}");
        }

        return ExitCodes.Failure;
    }
}
