namespace Polca.Actors;

/// <summary>Where an actor system lives: protocol, system name and, for a remote system, host and port.</summary>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null) : IComparable<Address>
{
    /// <summary>The protocol of systems in this process.</summary>
    public const string LocalProtocol = "polca";

    /// <summary>True when the address names no host, i.e. it refers to the local system.</summary>
    public bool HasLocalScope => Host is null;

    /// <summary>True when the address names a host and port.</summary>
    public bool HasGlobalScope => Host is not null;

    /// <summary>Renders the address as <c>protocol://system@host:port</c>.</summary>
    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : Port is null ? $"{Protocol}://{System}@{Host}" : $"{Protocol}://{System}@{Host}:{Port}";

    /// <inheritdoc />
    public int CompareTo(Address? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>Parses <c>protocol://system[@host[:port]]</c>.</summary>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var rest) || rest.Length != 0)
            throw new FormatException($"'{text}' is not an actor system address (expected protocol://system[@host:port])");
        return address;
    }

    /// <summary>Parses the address at the start of <paramref name="text"/> and returns what follows it.</summary>
    internal static bool TryParse(string text, out Address address, out string rest)
    {
        address = null!;
        rest = "";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var protocol = text[..schemeEnd];
        var afterScheme = text[(schemeEnd + 3)..];
        var slash = afterScheme.IndexOf('/');
        var authority = slash < 0 ? afterScheme : afterScheme[..slash];
        rest = slash < 0 ? "" : afterScheme[slash..];
        if (authority.Length == 0) return false;
        var at = authority.IndexOf('@');
        if (at < 0)
        {
            address = new Address(protocol, authority);
            return true;
        }
        var system = authority[..at];
        var hostPort = authority[(at + 1)..];
        if (system.Length == 0 || hostPort.Length == 0) return false;
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            address = new Address(protocol, system, hostPort);
            return true;
        }
        if (!int.TryParse(hostPort[(colon + 1)..], out var port) || port < 0 || port > 65535) return false;
        address = new Address(protocol, system, hostPort[..colon], port);
        return true;
    }
}
