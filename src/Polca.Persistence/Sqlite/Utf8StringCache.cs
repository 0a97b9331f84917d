using System.Text;

namespace Polca.Persistence.Sqlite;

/// <summary>Decodes UTF-8 column values, handing back the previous string when the bytes repeat (manifests, writers, ids do).</summary>
internal sealed class Utf8StringCache
{
    private byte[] _bytes = [];
    private string _value = "";

    /// <summary>The string <paramref name="utf8"/> encodes.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.SequenceEqual(_bytes)) return _value;
        _bytes = utf8.ToArray();
        _value = Encoding.UTF8.GetString(utf8);
        return _value;
    }
}
