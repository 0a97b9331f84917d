using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Api;

public sealed class ErrorsSpec
{
    [Theory]
    [InlineData("a {\n  rows }", 2, 8, "expected '=' or ':' after key \"rows\" but found '}'")]
    [InlineData("a {\n  rows\n}", 2, 7, "expected '=' or ':' after key \"rows\" but found a newline")]
    [InlineData("a = ", 1, 5, "expected a value after '=' for key \"a\" but found end of input")]
    [InlineData("a = 1\n}", 2, 1, "unexpected '}' without a matching '{'")]
    [InlineData("a {\n b = 1\n", 3, 1, "expected '}' to close the object opened at line 1, column 3")]
    [InlineData("a = [1,\n2", 2, 2, "expected ']' to close the array opened at line 1, column 5")]
    [InlineData("[1, 2]", 1, 1, "the root of a HOCON document must be an object")]
    [InlineData("{ a = 1 }\nb = 2", 2, 1, "expected end of input after the root object")]
    [InlineData("a = $b", 1, 5, "'$' is only allowed as the start of a substitution")]
    [InlineData("a = ${b", 1, 5, "unterminated substitution")]
    [InlineData("a = ${}", 1, 5, "empty path expression")]
    [InlineData("a = 1 : 2", 1, 7, "expected ',' or a newline after the value of key \"a\" but found ':'")]
    [InlineData("= 1", 1, 1, "expected a key but found '='")]
    [InlineData("a = [1 : 2]", 1, 8, "expected ',' or ']' after an array element but found ':'")]
    [InlineData("a += ", 1, 6, "expected a value after '+='")]
    [InlineData("a = b + c", 1, 7, "reserved character '+'")]
    public void Syntax_errors_carry_line_column_and_what_was_expected(string text, int line, int column, string reason)
    {
        var error = HoconText.ParseFails(text);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void The_message_has_the_form_file_line_column_message()
    {
        var error = HoconText.ParseFails("a {\n  rows }");

        Assert.Equal("<string>:2:8: expected '=' or ':' after key \"rows\" but found '}'", error.Message);
        Assert.Equal("<string>", error.FileName);
    }

    [Fact]
    public void Files_are_named_as_they_were_given()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("app.conf", "a = 1\n\n\n\n\n\n\n\n\n\n\nb {\n  rows }");

        var error = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseFile(path));

        Assert.Equal($"{path}:13:8: expected '=' or ':' after key \"rows\" but found '}}'", error.Message);
    }

    [Fact]
    public void Wrong_type_errors_name_path_found_type_expected_type_and_definition_place()
    {
        var config = HoconText.Parse("server {\n  port = [80]\n}");

        var error = Assert.Throws<HoconException>(() => config.GetString("server.port"));

        Assert.Equal("<string>:2:10: value at path \"server.port\" has type array but a string was expected", error.Message);
    }

    [Fact]
    public void Wrong_type_on_an_object_reports_where_the_object_was_defined()
    {
        var config = HoconText.Parse("\n\nserver {\n  port = 80\n}");

        var error = Assert.Throws<HoconException>(() => config.GetInt("server"));

        Assert.Equal((3, 8), (error.Line, error.Column));
        Assert.Contains("has type object but an integer was expected", error.Reason);
    }

    [Fact]
    public void A_missing_path_names_the_closest_existing_object()
    {
        var config = HoconText.Parse("a {\n  b {\n    c = 1\n  }\n}");

        var error = Assert.Throws<HoconException>(() => config.GetString("a.b.x"));

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Contains("no configuration value at path \"a.b.x\"", error.Reason);
    }

    [Fact]
    public void Substitution_errors_point_at_the_substitution()
    {
        var error = HoconText.ParseFails("x {\n  y = [1, ${nowhere}]\n}");

        Assert.Equal((2, 11), (error.Line, error.Column));
        Assert.Contains("${nowhere}", error.Reason);
    }

    [Fact]
    public void Cycle_errors_point_at_a_substitution_of_the_cycle()
    {
        var error = HoconText.ParseFails("a = ${b}\nb = ${a}");

        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("a -> b -> a", error.Reason);
    }

    [Fact]
    public void Invalid_getter_paths_are_errors()
    {
        var config = HoconText.Parse("a = 1");

        Assert.Throws<HoconException>(() => config.GetInt("a..b"));
    }
}
