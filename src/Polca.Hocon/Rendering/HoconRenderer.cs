using System.Text;
using Polca.Hocon.Model;
using Polca.Hocon.Rendering;

namespace Polca.Hocon;

/// <summary>
/// Writes a value back as HOCON that parses to the same value: an object is written as a document
/// (one <c>key = value</c> per line, nested objects as <c>key { ... }</c>), strings are always quoted.
/// </summary>
public static class HoconRenderer
{
    /// <summary>Renders <paramref name="value"/> with <paramref name="indentSize"/> spaces per nesting level.</summary>
    public static string Render(HoconValue value, int indentSize = 2)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder();
        if (value is HoconObject obj)
        {
            WriteFields(builder, obj, 0, indentSize);
        }
        else
        {
            WriteValue(builder, value, 0, indentSize);
        }

        return builder.ToString();
    }

    /// <summary>Writes <paramref name="key"/> bare when it is a plain identifier, quoted otherwise.</summary>
    public static string FormatKey(string key)
    {
        var bare = key.Length > 0 && key != "include"
            && (char.IsAsciiLetter(key[0]) || key[0] == '_')
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return bare ? key : HoconStringQuoter.Quote(key);
    }

    private static void Indent(StringBuilder builder, int level, int indentSize) => builder.Append(' ', level * indentSize);

    private static void WriteFields(StringBuilder builder, HoconObject obj, int level, int indentSize)
    {
        foreach (var (key, value) in obj.Items)
        {
            Indent(builder, level, indentSize);
            builder.Append(FormatKey(key));
            if (value is HoconObject nested)
            {
                builder.Append(' ');
                WriteObject(builder, nested, level, indentSize);
            }
            else
            {
                builder.Append(" = ");
                WriteValue(builder, value, level, indentSize);
            }

            builder.Append('\n');
        }
    }

    private static void WriteObject(StringBuilder builder, HoconObject obj, int level, int indentSize)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append("{\n");
        WriteFields(builder, obj, level + 1, indentSize);
        Indent(builder, level, indentSize);
        builder.Append('}');
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int level, int indentSize)
    {
        switch (value)
        {
            case HoconLiteral { Type: HoconValueType.String, IsWhitespace: true } whitespace:
                builder.Append(whitespace.Text);
                break;
            case HoconLiteral { Type: HoconValueType.String } text:
                builder.Append(HoconStringQuoter.Quote(text.Text));
                break;
            case HoconLiteral literal:
                builder.Append(literal.Text);
                break;
            case HoconObject obj:
                WriteObject(builder, obj, level, indentSize);
                break;
            case HoconArray array:
                WriteArray(builder, array, level, indentSize);
                break;
            case HoconSubstitution substitution:
                builder.Append(substitution.Describe());
                break;
            case HoconConcatenation concatenation:
                foreach (var piece in concatenation.Pieces)
                {
                    WriteValue(builder, piece, level, indentSize);
                }

                break;
            case HoconMergeStack stack:
                WriteValue(builder, stack.Items[0], level, indentSize);
                break;
        }
    }

    private static void WriteArray(StringBuilder builder, HoconArray array, int level, int indentSize)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        if (array.Items.All(item => item is HoconLiteral))
        {
            builder.Append('[');
            for (var i = 0; i < array.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                WriteValue(builder, array[i], level, indentSize);
            }

            builder.Append(']');
            return;
        }

        builder.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            Indent(builder, level + 1, indentSize);
            WriteValue(builder, array[i], level + 1, indentSize);
            builder.Append(i < array.Count - 1 ? ",\n" : "\n");
        }

        Indent(builder, level, indentSize);
        builder.Append(']');
    }
}
