namespace Polca.Persistence.Postgres;

/// <summary>
/// Thrown when the PostgreSQL journal or snapshot store cannot open a connection; the message names the host, port,
/// database and user (never the password) and the inner exception says why.
/// </summary>
public sealed class PostgresConnectionException : Exception
{
    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public PostgresConnectionException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PostgresConnectionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PostgresConnectionException()
    {
    }
}
