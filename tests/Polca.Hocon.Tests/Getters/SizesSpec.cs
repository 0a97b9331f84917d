using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Getters;

public sealed class SizesSpec
{
    [Theory]
    [InlineData("1B", 1L)]
    [InlineData("1b", 1L)]
    [InlineData("1 byte", 1L)]
    [InlineData("12 bytes", 12L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1 kilobyte", 1000L)]
    [InlineData("2 kilobytes", 2000L)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1 kibibyte", 1024L)]
    [InlineData("3 kibibytes", 3072L)]
    [InlineData("1MB", 1000000L)]
    [InlineData("1 megabyte", 1000000L)]
    [InlineData("1MiB", 1048576L)]
    [InlineData("1M", 1048576L)]
    [InlineData("1m", 1048576L)]
    [InlineData("1 mebibyte", 1048576L)]
    [InlineData("1GB", 1000000000L)]
    [InlineData("1GiB", 1073741824L)]
    [InlineData("1G", 1073741824L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("1 gibibytes", 1073741824L)]
    [InlineData("1TB", 1000000000000L)]
    [InlineData("1TiB", 1099511627776L)]
    [InlineData("1T", 1099511627776L)]
    [InlineData("1PB", 1000000000000000L)]
    [InlineData("1PiB", 1125899906842624L)]
    [InlineData("1EB", 1000000000000000000L)]
    [InlineData("1EiB", 1152921504606846976L)]
    [InlineData("1.5K", 1536L)]
    [InlineData("0.5 MiB", 524288L)]
    [InlineData(" 64 MiB ", 67108864L)]
    public void Size_strings_use_the_spec_units(string written, long expected)
    {
        Assert.Equal(expected, HoconText.Parse($"s = \"{written}\"").GetByteSize("s"));
    }

    [Theory]
    [InlineData("s = 1024", 1024L)]
    [InlineData("s = 512 KiB", 524288L)]
    [InlineData("s = 10MB", 10000000L)]
    public void A_bare_number_is_bytes_and_unquoted_units_work(string text, long expected)
    {
        Assert.Equal(expected, HoconText.Parse(text).GetByteSize("s"));
    }

    [Theory]
    [InlineData("s = 10 parsecs", "parsecs")]
    [InlineData("s = 1 KB", "KB")]
    [InlineData("s = 8EiB", "too large")]
    [InlineData("s = 1ZB", "too large")]
    [InlineData("s = lots", "lots")]
    public void Unknown_units_and_overflows_are_errors(string text, string mention)
    {
        var config = HoconText.Parse(text);

        var error = Assert.Throws<HoconException>(() => config.GetByteSize("s"));

        Assert.Contains(mention, error.Reason);
    }

    [Fact]
    public void The_default_is_used_only_when_the_path_is_absent()
    {
        var config = HoconText.Parse("s = 1K");

        Assert.Equal(1024L, config.GetByteSize("s", 7));
        Assert.Equal(7L, config.GetByteSize("absent", 7));
        Assert.Null(config.GetByteSize("absent", null));
    }
}
