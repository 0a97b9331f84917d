using System.Text.Json;

namespace Polca.Persistence;

/// <summary>Schema evolution: reads events stored under an old manifest and returns them in today's type.</summary>
public interface IEventUpcaster
{
    /// <summary>The old manifest this upcaster reads.</summary>
    string FromManifest { get; }

    /// <summary>Turns the stored JSON of an old event into a current event.</summary>
    object Upcast(JsonElement stored, JsonSerializerOptions options);
}
