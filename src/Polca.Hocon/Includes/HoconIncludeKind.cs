namespace Polca.Hocon.Includes;

/// <summary>How an include names its target.</summary>
internal enum HoconIncludeKind
{
    /// <summary><c>include "name"</c>: a file next to the including file, or a resource when included from a resource.</summary>
    Heuristic,

    /// <summary><c>include file("name")</c>.</summary>
    File,

    /// <summary><c>include classpath("name")</c>: an embedded resource of a registered assembly.</summary>
    Classpath,

    /// <summary><c>include url("...")</c>: recognised but not supported.</summary>
    Url,
}
