using Polca.Hocon;
using Polca.Persistence;
using Polca.Persistence.Postgres;
using Polca.Persistence.Sqlite;

namespace Polca.Cli.Replay;

/// <summary>Opens the journal named on the command line: a SQLite file, or a HOCON file whose <c>polca.persistence</c> names one.</summary>
internal static class ReplayJournalOpener
{
    /// <summary>
    /// Opens <paramref name="argument"/> for reading; throws <see cref="ReplayInputException"/> (or <see cref="HoconException"/>
    /// for a bad configuration) when it cannot be replayed.
    /// </summary>
    public static ReplayJournal Open(string argument)
    {
        if (Directory.Exists(argument)) throw new ReplayInputException(argument, "is a directory, not a journal file");
        if (!File.Exists(argument)) throw new ReplayInputException(argument, "file not found");
        return IsHocon(argument) ? OpenConfigured(argument) : OpenSqlite(new SqliteJournalSettings(argument), argument);
    }

    private static bool IsHocon(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".conf" or ".hocon";

    private static ReplayJournal OpenConfigured(string configFile)
    {
        var settings = PersistenceSettings.From(ConfigurationFactory.ParseFile(configFile));
        var plugin = settings.JournalPlugin;
        try
        {
            switch (plugin)
            {
                case "sqlite":
                    var sqlite = SqliteJournalSettings.FromConfig(settings.PluginConfig("sqlite"));
                    return OpenSqlite(sqlite, $"{sqlite.Path} (polca.persistence.sqlite.path in {configFile})");
                case "postgres":
                    var postgres = PostgresJournalSettings.FromConfig(settings.PluginConfig("postgres")) with { AutoInitialize = false };
                    return new PostgresReplayJournal(new PostgresJournal(postgres), configFile);
                default:
                    throw new ReplayInputException(configFile,
                        $"polca.persistence.journal.plugin is '{plugin}': polca replay reads sqlite and postgres journals only");
            }
        }
        catch (ArgumentException e)
        {
            throw new ReplayInputException(configFile, $"polca.persistence.{plugin}: {e.Message}", e);
        }
    }

    private static ReplayJournal OpenSqlite(SqliteJournalSettings settings, string subject)
    {
        var log = new ReadOnlySqliteEventLog(settings with { AutoInitialize = false }, subject);
        log.Open();
        return new SqliteReplayJournal(log, subject);
    }
}
