using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Getters;

public sealed class DurationsSpec
{
    [Theory]
    [InlineData("500ns", 0.0005)]
    [InlineData("1000 ns", 0.001)]
    [InlineData("200 nanosecond", 0.0002)]
    [InlineData("3000 nanoseconds", 0.003)]
    [InlineData("5000 nano", 0.005)]
    [InlineData("10us", 0.01)]
    [InlineData("1 microsecond", 0.001)]
    [InlineData("250 microseconds", 0.25)]
    [InlineData("2 micro", 0.002)]
    [InlineData("4 micros", 0.004)]
    [InlineData("1ms", 1)]
    [InlineData("15 millisecond", 15)]
    [InlineData("15 milliseconds", 15)]
    [InlineData("3 milli", 3)]
    [InlineData("4 millis", 4)]
    [InlineData("2s", 2000)]
    [InlineData("1 second", 1000)]
    [InlineData("1.5 seconds", 1500)]
    [InlineData("3m", 180000)]
    [InlineData("1 minute", 60000)]
    [InlineData("2 minutes", 120000)]
    [InlineData("4h", 14400000)]
    [InlineData("1 hour", 3600000)]
    [InlineData("1.5 hours", 5400000)]
    [InlineData("1d", 86400000)]
    [InlineData("1 day", 86400000)]
    [InlineData("2 days", 172800000)]
    [InlineData(" 7  s ", 7000)]
    public void Duration_strings_use_the_spec_units(string written, double expectedMilliseconds)
    {
        var config = HoconText.Parse($"t = \"{written}\"");

        Assert.Equal(expectedMilliseconds, config.GetTimeSpan("t").TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("t = 250", 250)]
    [InlineData("t = 1.5", 1.5)]
    [InlineData("t = \"300\"", 300)]
    [InlineData("t = 10 seconds", 10000)]
    [InlineData("t = 5s", 5000)]
    public void A_bare_number_is_milliseconds_and_unquoted_units_work(string text, double expectedMilliseconds)
    {
        Assert.Equal(expectedMilliseconds, HoconText.Parse(text).GetTimeSpan("t").TotalMilliseconds, 6);
    }

    [Fact]
    public void Nanoseconds_are_rounded_to_the_100_ns_resolution_of_TimeSpan()
    {
        Assert.Equal(TimeSpan.FromTicks(2), HoconText.Parse("t = 249ns").GetTimeSpan("t"));
    }

    [Fact]
    public void Infinite_is_the_infinite_timeout()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, HoconText.Parse("t = infinite").GetTimeSpan("t"));
    }

    [Theory]
    [InlineData("t = 5 parsecs", "parsecs")]
    [InlineData("t = 10S", "S")]
    [InlineData("t = 3 Hours", "Hours")]
    [InlineData("t = soon", "soon")]
    public void Unknown_or_uppercase_units_are_errors_naming_the_path(string text, string mention)
    {
        var config = HoconText.Parse(text);

        var error = Assert.Throws<HoconException>(() => config.GetTimeSpan("t"));

        Assert.Contains("\"t\"", error.Reason);
        Assert.Contains(mention, error.Reason);
    }

    [Fact]
    public void The_default_is_used_only_when_the_path_is_absent()
    {
        var config = HoconText.Parse("t = 2s");

        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("t", TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromMinutes(1), config.GetTimeSpan("absent", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void An_object_is_not_a_duration()
    {
        var error = Assert.Throws<HoconException>(() => HoconText.Parse("t { x = 1 }").GetTimeSpan("t"));

        Assert.Contains("object", error.Reason);
        Assert.Contains("a duration was expected", error.Reason);
    }
}
