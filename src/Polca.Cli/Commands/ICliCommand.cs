namespace Polca.Cli.Commands;

/// <summary>One verb of polca (config, run, replay, ...).</summary>
public interface ICliCommand
{
    /// <summary>The verb typed on the command line.</summary>
    string Name { get; }

    /// <summary>One line saying what the command does, shown by <c>polca --help</c>.</summary>
    string Summary { get; }

    /// <summary>The full help of the command, shown by <c>polca NAME --help</c>.</summary>
    string Help { get; }

    /// <summary>Runs the command with the arguments after the verb; returns the exit code.</summary>
    int Execute(IReadOnlyList<string> arguments, TextWriter output, TextWriter error);
}
