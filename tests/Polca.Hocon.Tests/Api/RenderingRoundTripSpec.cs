using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Polca.Hocon.Tests.Support;
using CheckConfig = FsCheck.Config;

namespace Polca.Hocon.Tests.Api;

public sealed class RenderingRoundTripSpec
{
    private static readonly string[] KeyPieces =
    [
        "a", "b", "node", "x-y", "_u", "9", "-", " ", ".", "\"", "\\", "$", "{", "#", "//", "é", "中", "include", "true", "null", "",
    ];

    private static readonly string[] TextPieces =
    [
        "a", "Z", "0", "42", " ", "  ", "\t", "\n", "\r", "\"", "\"\"\"", "\\", "${x}", "#", "//", "é", "中", "😀",
        "\u0001", "\u007f", ".", ",", ":", "=", "[", "]", "{", "}", "true", "null", "include", "-", "1e5",
    ];

    private static Gen<string> Text(string[] pieces) =>
        Gen.Elements(pieces).ArrayOf().Select(parts => string.Concat(parts));

    private static Gen<long> AnyLong =>
        Gen.Frequency(
            (3, Gen.Choose(-1000, 1000).Select(i => (long)i)),
            (2, Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue), (high, low) => ((long)high << 32) | (uint)low)),
            (1, Gen.Elements(long.MinValue, long.MaxValue, 9007199254740993L, -9007199254740993L, 0L)));

    private static Gen<double> AnyFiniteDouble =>
        Gen.Frequency(
            (3, Gen.Choose(-100000, 100000).Zip(Gen.Choose(1, 1000), (numerator, denominator) => numerator / (double)denominator)),
            (2, AnyLong.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)),
            (1, Gen.Elements(0.0, -0.0, 1e300, -1e-300, double.Epsilon, double.MaxValue, 0.1, 1.0)));

    private static Gen<HoconValue> Literal =>
        Gen.OneOf(
            Text(TextPieces).Select(text => (HoconValue)HoconLiteral.FromString(text)),
            AnyLong.Select(number => (HoconValue)HoconLiteral.FromLong(number)),
            AnyFiniteDouble.Select(number => (HoconValue)HoconLiteral.FromDouble(number)),
            Gen.Elements(true, false).Select(flag => (HoconValue)HoconLiteral.FromBoolean(flag)),
            Gen.Constant((HoconValue)HoconLiteral.Null()));

    private static Gen<HoconValue> Value(int depth) =>
        depth <= 0
            ? Literal
            : Gen.Frequency(
                (4, Literal),
                (1, Value(depth - 1).ListOf().Select(items => (HoconValue)new HoconArray(items.Take(5)))),
                (2, Object(depth - 1).Select(obj => (HoconValue)obj)));

    private static Gen<HoconObject> Object(int depth) =>
        Text(KeyPieces).Zip(Value(depth)).ListOf()
            .Select(fields => new HoconObject(fields.Take(6).Select(field => new KeyValuePair<string, HoconValue>(field.Item1, field.Item2))));

    private static Arbitrary<HoconObject> Configs => Gen.Sized(size => Object(Math.Min(3, 1 + (size / 25)))).ToArbitrary();

    private static readonly CheckConfig Settings = CheckConfig.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Rendered_hocon_parses_back_to_an_equal_config()
    {
        Check.One(Settings, Prop.ForAll(Configs, root =>
        {
            var text = new Config(root).Root.ToString();
            var reparsed = ConfigurationFactory.ParseString(text);
            return reparsed.Root.Equals(root);
        }));
    }

    [Fact]
    public void Rendered_json_is_valid_json_with_the_same_values()
    {
        Check.One(Settings, Prop.ForAll(Configs, root =>
        {
            using var document = JsonDocument.Parse(new Config(root).ToJson());
            return SameValue(root, document.RootElement);
        }));
    }

    [Fact]
    public void Rendered_json_is_itself_hocon()
    {
        var config = HoconText.Parse("a { b = [1, 2.5, \"x\\ny\", true, null], \"c.d\" = {} }\ne = -9007199254740993");

        var reparsed = ConfigurationFactory.ParseString(config.ToJson());

        Assert.Equal(config.Root, reparsed.Root);
    }

    [Fact]
    public void A_parsed_document_survives_render_and_reparse()
    {
        var config = HoconText.Parse("""
            app {
              name = "polca   emulator"
              list = [1, [2, 3], { x = "y" }]
              "dotted.key" { "include" = "not an include" }
              empty {}
              none = null
              big = 9007199254740993
              ratio = 1e-3
              path = ${app.name}/bin
            }
            """);

        var rendered = config.Root.ToString();

        Assert.Equal(config.Root, ConfigurationFactory.ParseString(rendered).Root);
        Assert.Contains("\"dotted.key\" {", rendered);
        Assert.Contains("\"include\" = \"not an include\"", rendered);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with-dash_and_digits9", "with-dash_and_digits9")]
    [InlineData("a.b", "\"a.b\"")]
    [InlineData("", "\"\"")]
    [InlineData("include", "\"include\"")]
    [InlineData("9lives", "\"9lives\"")]
    [InlineData("has space", "\"has space\"")]
    public void Keys_are_quoted_only_when_needed(string key, string expected)
    {
        Assert.Equal(expected, HoconRenderer.FormatKey(key));
    }

    [Fact]
    public void Json_output_is_indented_and_keeps_integers_exact()
    {
        var json = HoconText.Parse("a { n = 9007199254740993, s = \"é\" }").ToJson();

        Assert.Equal("{\n  \"a\": {\n    \"n\": 9007199254740993,\n    \"s\": \"é\"\n  }\n}", json);
    }

    private static bool SameValue(HoconValue value, JsonElement element) => value switch
    {
        HoconObject obj => element.ValueKind == JsonValueKind.Object
            && element.EnumerateObject().Count() == obj.Count
            && obj.Items.All(pair => element.TryGetProperty(pair.Key, out var child) && SameValue(pair.Value, child)),
        HoconArray array => element.ValueKind == JsonValueKind.Array
            && element.GetArrayLength() == array.Count
            && array.Items.Zip(element.EnumerateArray()).All(pair => SameValue(pair.First, pair.Second)),
        HoconLiteral { Type: HoconValueType.String } text => element.ValueKind == JsonValueKind.String && element.GetString() == text.Text,
        HoconLiteral { Type: HoconValueType.Number, IsInteger: true } integer => element.ValueKind == JsonValueKind.Number && element.GetInt64() == integer.LongValue,
        HoconLiteral { Type: HoconValueType.Number } real => element.ValueKind == JsonValueKind.Number && element.GetDouble().Equals(real.DoubleValue),
        HoconLiteral { Type: HoconValueType.Boolean } boolean => element.ValueKind == (boolean.BooleanValue ? JsonValueKind.True : JsonValueKind.False),
        _ => element.ValueKind == JsonValueKind.Null,
    };
}
