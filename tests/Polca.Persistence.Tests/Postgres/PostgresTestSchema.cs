using Npgsql;
using Polca.Persistence.Postgres;
using Polca.Persistence.Tests.Services;

namespace Polca.Persistence.Tests.Postgres;

/// <summary>A fresh schema <c>test_GUID</c> on the test server, dropped (with everything in it) on dispose, so tests stay independent.</summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    private PostgresTestSchema(string connectionString, string name)
    {
        ConnectionString = connectionString;
        Name = name;
    }

    /// <summary>The server's connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>Journal and snapshot settings pointing at this schema.</summary>
    public PostgresJournalSettings Settings => new(ConnectionString) { Schema = Name };

    /// <summary>Creates the schema on the test server (starting the server if needed).</summary>
    public static async Task<PostgresTestSchema> CreateAsync()
    {
        var connectionString = await PostgresServer.GetConnectionStringAsync();
        var schema = new PostgresTestSchema(connectionString, "test_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA \"{schema.Name}\"");
        return schema;
    }

    /// <summary>Runs one statement on the server and returns the first column of the first row.</summary>
    public async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Drops the schema.</summary>
    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE");
    }
}
