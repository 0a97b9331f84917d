using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Polca.Hocon;

/// <summary>Writes a resolved value as JSON: objects, arrays, strings, numbers (integers exactly), booleans and null.</summary>
public static class HoconJsonRenderer
{
    /// <summary>Renders <paramref name="value"/> as JSON, indented by two spaces unless <paramref name="indented"/> is false.</summary>
    public static string Render(HoconValue value, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        var options = new JsonWriterOptions
        {
            Indented = indented,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj.Items)
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case HoconLiteral { Type: HoconValueType.String } text:
                writer.WriteStringValue(text.Text);
                break;
            case HoconLiteral { Type: HoconValueType.Number, IsInteger: true } integer:
                writer.WriteNumberValue(integer.LongValue);
                break;
            case HoconLiteral { Type: HoconValueType.Number } real:
                writer.WriteNumberValue(real.DoubleValue);
                break;
            case HoconLiteral { Type: HoconValueType.Boolean } boolean:
                writer.WriteBooleanValue(boolean.BooleanValue);
                break;
            case HoconLiteral:
                writer.WriteNullValue();
                break;
            default:
                throw new InvalidOperationException($"{value.Origin}: cannot write an unresolved value as JSON");
        }
    }
}
