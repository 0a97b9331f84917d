using System.Data.Common;
using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>Builds the pooled data sources the PostgreSQL journal and snapshot store use.</summary>
internal static class PostgresDataSources
{
    /// <summary>
    /// A pooled data source for <paramref name="settings"/>. Unless the connection string says otherwise, statements are
    /// auto-prepared and the socket buffers are 64 KiB (fewer system calls on replays and COPY).
    /// </summary>
    public static NpgsqlDataSource Create(PostgresJournalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var given = GivenKeys(settings.ConnectionString);
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        var options = builder.ConnectionStringBuilder;
        if (!given.Contains("maxautoprepare"))
        {
            options.MaxAutoPrepare = 64;
            if (!given.Contains("autoprepareminusages")) options.AutoPrepareMinUsages = 2;
        }
        if (!given.Contains("readbuffersize")) options.ReadBufferSize = 64 * 1024;
        if (!given.Contains("writebuffersize")) options.WriteBufferSize = 64 * 1024;
        return builder.Build();
    }

    /// <summary>The keys the connection string sets, lower case without spaces (so "Max Auto Prepare" is "maxautoprepare").</summary>
    private static HashSet<string> GivenKeys(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }
}
