using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Getters;

public sealed class BooleansSpec
{
    [Theory]
    [InlineData("b = true", true)]
    [InlineData("b = false", false)]
    [InlineData("b = yes", true)]
    [InlineData("b = no", false)]
    [InlineData("b = on", true)]
    [InlineData("b = off", false)]
    [InlineData("b = \"true\"", true)]
    [InlineData("b = \"off\"", false)]
    [InlineData("b = Yes", true)]
    public void Booleans_and_the_six_boolean_words_convert(string text, bool expected)
    {
        Assert.Equal(expected, HoconText.Parse(text).GetBoolean("b"));
    }

    [Fact]
    public void A_lone_true_stays_a_boolean_but_true_with_text_is_a_string()
    {
        var config = HoconText.Parse("a = true\nb = true story\nc = truefoo");

        Assert.Equal(HoconValueType.Boolean, config.GetValue("a").Type);
        Assert.Equal("true story", config.GetString("b"));
        Assert.Equal("truefoo", config.GetString("c"));
    }

    [Theory]
    [InlineData("b = maybe")]
    [InlineData("b = 1")]
    [InlineData("b = [true]")]
    public void Other_values_are_not_booleans(string text)
    {
        var error = Assert.Throws<HoconException>(() => HoconText.Parse(text).GetBoolean("b"));

        Assert.Contains("a boolean", error.Reason);
    }

    [Fact]
    public void Boolean_lists_and_defaults()
    {
        var config = HoconText.Parse("flags = [true, no, on]");

        Assert.Equal([true, false, true], config.GetBooleanList("flags"));
        Assert.True(config.GetBoolean("absent", true));
        Assert.False(config.GetBoolean("absent", false));
    }

    [Fact]
    public void Booleans_render_as_strings()
    {
        Assert.Equal("false", HoconText.Parse("b = false").GetString("b"));
    }
}
