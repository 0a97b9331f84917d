using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Syntax;

public sealed class CommentsSpec
{
    [Theory]
    [InlineData("# a hash comment\na = 1")]
    [InlineData("// a slash comment\na = 1")]
    [InlineData("a = 1 # trailing hash comment")]
    [InlineData("a = 1 // trailing slash comment")]
    [InlineData("a = 1# comment glued to the value")]
    [InlineData("a = 1// comment glued to the value")]
    [InlineData("# first\n\n// second\na = 1\n# last")]
    public void Comments_are_ignored_up_to_the_end_of_the_line(string text)
    {
        var config = HoconText.Parse(text);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Single(config.AsEnumerable());
    }

    [Fact]
    public void Comment_markers_inside_quoted_strings_are_text()
    {
        var config = HoconText.Parse("url = \"http://example.com/#anchor\"");

        Assert.Equal("http://example.com/#anchor", config.GetString("url"));
    }

    [Fact]
    public void A_document_of_only_comments_is_an_empty_object()
    {
        var config = HoconText.Parse("# nothing here\n// nor here\n");

        Assert.True(config.IsEmpty);
    }

    [Fact]
    public void A_comment_ends_an_unquoted_value_and_the_space_before_it_is_trimmed()
    {
        var config = HoconText.Parse("name = polca emulator   // the product");

        Assert.Equal("polca emulator", config.GetString("name"));
    }

    [Fact]
    public void Comments_may_separate_fields_and_array_elements()
    {
        var config = HoconText.Parse("a = [\n 1 # one\n 2 // two\n]\nb = 3");

        Assert.Equal([1, 2], config.GetIntList("a"));
        Assert.Equal(3, config.GetInt("b"));
    }
}
