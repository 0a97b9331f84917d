using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polca.Actors;

/// <summary>System.Text.Json converter that writes a reference as its serialized path and resolves it back through the system.</summary>
public sealed class ActorRefJsonConverter(ActorSystem system) : JsonConverter<IActorRef>
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

    /// <inheritdoc />
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"expected an actor path string, found {reader.TokenType}");
        return system.Provider.ResolveActorRef(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Serialization.SerializedActorPath(value, system));
}
