using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Syntax;

public sealed class NumbersSpec
{
    [Theory]
    [InlineData("9007199254740993", 9007199254740993L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("-42", -42L)]
    public void Integers_are_kept_exactly_as_64_bit_values(string written, long expected)
    {
        var config = HoconText.Parse($"n = {written}");

        var literal = Assert.IsType<HoconLiteral>(config.GetValue("n"));
        Assert.True(literal.IsInteger);
        Assert.Equal(expected, config.GetLong("n"));
    }

    [Fact]
    public void Large_integers_survive_the_json_output_exactly()
    {
        Assert.Equal("{\"n\":9007199254740993}", HoconText.Json("n = 9007199254740993"));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e5", 100000.0)]
    [InlineData("1E5", 100000.0)]
    [InlineData("1.5e-3", 0.0015)]
    [InlineData("2.5E+2", 250.0)]
    [InlineData("99999999999999999999", 1e20)]
    public void Other_numbers_are_doubles(string written, double expected)
    {
        var config = HoconText.Parse($"n = {written}");

        var literal = Assert.IsType<HoconLiteral>(config.GetValue("n"));
        Assert.Equal(HoconValueType.Number, literal.Type);
        Assert.False(literal.IsInteger);
        Assert.Equal(expected, config.GetDouble("n"), 12);
    }

    [Fact]
    public void Numbers_keep_their_written_form_as_strings()
    {
        var config = HoconText.Parse("a = 1e5\nb = 1.50");

        Assert.Equal("1e5", config.GetString("a"));
        Assert.Equal("1.50", config.GetString("b"));
    }

    [Theory]
    [InlineData("n = 10.0bar", "10.0bar")]
    [InlineData("n = 1.2.3", "1.2.3")]
    [InlineData("n = 10.0.0.1", "10.0.0.1")]
    [InlineData("n = 5 apples", "5 apples")]
    [InlineData("n = -foo", "-foo")]
    [InlineData("n = 2024-01-31", "2024-01-31")]
    public void Text_that_is_not_exactly_a_number_is_a_string(string text, string expected)
    {
        var value = HoconText.Parse(text).GetValue("n");

        Assert.Equal(HoconValueType.String, value.Type);
        Assert.Equal(expected, value.GetString());
    }

    [Fact]
    public void Integer_getters_accept_integral_doubles_and_numeric_strings()
    {
        var config = HoconText.Parse("a = 2.0\nb = \"42\"\nc = 7");

        Assert.Equal(2, config.GetInt("a"));
        Assert.Equal(42L, config.GetLong("b"));
        Assert.Equal(7.0, config.GetDouble("c"));
    }

    [Fact]
    public void GetInt_rejects_fractions_and_values_beyond_32_bits()
    {
        var config = HoconText.Parse("fraction = 1.5\nhuge = 3000000000");

        var fraction = Assert.Throws<HoconException>(() => config.GetInt("fraction"));
        var huge = Assert.Throws<HoconException>(() => config.GetInt("huge"));

        Assert.Contains("an integer was expected", fraction.Reason);
        Assert.Contains("out of range for a 32-bit integer", huge.Reason);
        Assert.Equal(3000000000L, config.GetLong("huge"));
    }

    [Fact]
    public void Number_getters_on_text_report_the_path_and_types()
    {
        var config = HoconText.Parse("a {\n  n = twelve\n}");

        var error = Assert.Throws<HoconException>(() => config.GetDouble("a.n"));

        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("\"a.n\"", error.Reason);
        Assert.Contains("string", error.Reason);
        Assert.Contains("a number was expected", error.Reason);
    }

    [Fact]
    public void A_plus_sign_outside_a_number_is_rejected()
    {
        var error = HoconText.ParseFails("n = 1+2");

        Assert.Contains("'+'", error.Reason);
    }
}
