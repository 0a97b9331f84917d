using Polca.Cli.Commands;

namespace Polca.Cli;

/// <summary>The polca command line: finds the command named by the first argument and runs it.</summary>
public static class CliApplication
{
    /// <summary>The commands polca knows, in the order <c>polca --help</c> lists them.</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } = [new RunCommand(), new ConfigCommand(), new ReplayCommand(), new CompareCommand()];

    /// <summary>Runs polca with <paramref name="arguments"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            error.WriteLine("polca: missing command");
            error.Write(Usage());
            return ExitCodes.Failure;
        }

        var verb = arguments[0];
        if (verb is "--help" or "-h" or "help")
        {
            if (verb == "help" && arguments.Count > 1)
            {
                return Run([arguments[1], "--help"], output, error);
            }

            output.Write(Usage());
            return ExitCodes.Success;
        }

        var command = Commands.FirstOrDefault(c => c.Name == verb);
        if (command is null)
        {
            error.WriteLine($"polca: unknown command '{verb}'");
            error.Write(Usage());
            return ExitCodes.Failure;
        }

        return command.Execute([.. arguments.Skip(1)], output, error);
    }

    /// <summary>The general help: how to call polca and the list of commands.</summary>
    public static string Usage()
    {
        var width = Commands.Max(c => c.Name.Length) + 2;
        var lines = Commands.Select(c => $"  {c.Name.PadRight(width)}{c.Summary}");
        return $"""
            usage: polca COMMAND [ARGUMENTS]

            commands:
            {string.Join("\n", lines)}

            Run 'polca COMMAND --help' for the help of one command.
            Exit codes: 0 success, 1 a check failed (polca compare), 2 bad usage or invalid input.

            """;
    }
}
