using System.Text;

namespace Polca.Actors;

/// <summary>The unique name of an actor: the address of its system and the names from the root down.</summary>
public abstract class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The uid that means "any incarnation".</summary>
    public const long UndefinedUid = 0;

    /// <summary>Characters allowed in an actor name besides letters and digits.</summary>
    private const string ValidSymbols = "-_.*$+:@&=,!~';()";

    /// <summary>The address of the actor system this path belongs to.</summary>
    public abstract Address Address { get; }

    /// <summary>The last element of the path.</summary>
    public abstract string Name { get; }

    /// <summary>The path of the parent; the root's parent is itself.</summary>
    public abstract ActorPath Parent { get; }

    /// <summary>The root of this path.</summary>
    public abstract RootActorPath Root { get; }

    /// <summary>The incarnation uid of the actor, or <see cref="UndefinedUid"/>.</summary>
    public abstract long Uid { get; }

    /// <summary>The number of elements below the root.</summary>
    public abstract int Depth { get; }

    /// <summary>Returns the same path with another uid.</summary>
    public abstract ActorPath WithUid(long uid);

    /// <summary>The names from the root down, root excluded.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var names = new string[Depth];
            ActorPath p = this;
            for (var i = names.Length - 1; i >= 0; i--)
            {
                names[i] = p.Name;
                p = p.Parent;
            }
            return names;
        }
    }

    /// <summary>Creates the path of a child named <paramref name="name"/>.</summary>
    public static ActorPath operator /(ActorPath parent, string name) => new ChildActorPath(parent, name, UndefinedUid);

    /// <summary>Creates the path of a descendant, one element per name.</summary>
    public static ActorPath operator /(ActorPath parent, IEnumerable<string> names) =>
        names.Aggregate(parent, (p, n) => p / n);

    /// <summary>Writes the path without address, e.g. <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Depth == 0) return "/";
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    /// <summary>Writes the full path with its address, e.g. <c>polca://sys/user/a</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Address.ToString());
        if (Depth == 0) sb.Append('/');
        else AppendElements(sb);
        return sb.ToString();
    }

    /// <summary>Writes the full path and, when defined, the uid after a '#'.</summary>
    public string ToSerializationFormat() => Uid == UndefinedUid ? ToString() : $"{this}#{Uid}";

    /// <summary>Writes the full path using <paramref name="address"/> in place of a local address.</summary>
    public string ToSerializationFormatWithAddress(Address address)
    {
        var sb = new StringBuilder((Address.HasLocalScope ? address : Address).ToString());
        if (Depth == 0) sb.Append('/');
        else AppendElements(sb);
        if (Uid != UndefinedUid) sb.Append('#').Append(Uid);
        return sb.ToString();
    }

    private void AppendElements(StringBuilder sb)
    {
        foreach (var e in Elements) sb.Append('/').Append(e);
    }

    /// <summary>Parses a full path such as <c>polca://sys@host:2552/user/a#42</c>.</summary>
    public static ActorPath Parse(string path)
    {
        if (!TryParse(path, out var result))
            throw new FormatException($"'{path}' is not an actor path (expected protocol://system[@host:port]/name/...)");
        return result;
    }

    /// <summary>Parses a full path; false when it is not one.</summary>
    public static bool TryParse(string path, out ActorPath result)
    {
        result = null!;
        if (!Address.TryParse(path, out var address, out var rest)) return false;
        long uid = UndefinedUid;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(rest[(hash + 1)..], out uid)) return false;
            rest = rest[..hash];
        }
        ActorPath p = new RootActorPath(address);
        foreach (var element in rest.Split('/', StringSplitOptions.RemoveEmptyEntries))
            p = new ChildActorPath(p, Uri.UnescapeDataString(element), UndefinedUid);
        result = uid == UndefinedUid ? p : p.WithUid(uid);
        return true;
    }

    /// <summary>True when <paramref name="name"/> can name an actor.</summary>
    public static bool IsValidPathElement(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '$') return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && !ValidSymbols.Contains(c)) return false;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Depth != other.Depth) return false;
        ActorPath a = this, b = other;
        while (a.Depth > 0)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            a = a.Parent;
            b = b.Parent;
        }
        return a.Address.Equals(b.Address);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        ActorPath p = this;
        while (p.Depth > 0)
        {
            hash.Add(p.Name, StringComparer.Ordinal);
            p = p.Parent;
        }
        hash.Add(p.Address);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public int CompareTo(ActorPath? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>Equality of paths ignoring the uid.</summary>
    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality of paths ignoring the uid.</summary>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);
}
