using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Semantics;

public sealed class FallbackSpec
{
    [Fact]
    public void The_receiver_wins_and_objects_merge_deeply()
    {
        var application = HoconText.Parse("db { host = prod, pool { size = 20 } }");
        var reference = HoconText.Parse("db { host = localhost, port = 5432, pool { size = 4, timeout = 1s } }");

        var config = application.WithFallback(reference);

        Assert.Equal("prod", config.GetString("db.host"));
        Assert.Equal(5432, config.GetInt("db.port"));
        Assert.Equal(20, config.GetInt("db.pool.size"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("db.pool.timeout"));
    }

    [Fact]
    public void A_non_object_hides_the_objects_behind_it()
    {
        var first = HoconText.Parse("a : { x : 1 }");
        var number = HoconText.Parse("a : 42");
        var other = HoconText.Parse("a : { y : 2 }");

        Assert.Equal(HoconText.Parse("a { x = 1 }").Root, first.WithFallback(number).WithFallback(other).Root);
        Assert.Equal(HoconText.Parse("a { x = 1, y = 2 }").Root, first.WithFallback(other).WithFallback(number).Root);
    }

    [Fact]
    public void Substitutions_in_the_fallback_see_the_overrides_of_the_receiver()
    {
        var reference = HoconText.Parse("x = 1\ny = ${x}");
        var application = HoconText.Parse("x = 2");

        var config = application.WithFallback(reference);

        Assert.Equal(2, config.GetInt("y"));
        Assert.Equal(1, reference.GetInt("y"));
    }

    [Fact]
    public void Plus_equals_in_the_receiver_appends_to_the_fallback_list()
    {
        var reference = HoconText.Parse("extensions = [a, b]");
        var application = HoconText.Parse("extensions += c");

        Assert.Equal(["c"], application.GetStringList("extensions"));
        Assert.Equal(["a", "b", "c"], application.WithFallback(reference).GetStringList("extensions"));
    }

    [Fact]
    public void Parsing_with_a_fallback_resolves_after_the_merge()
    {
        var reference = HoconText.Parse("defaults { retries = 3 }");

        var config = ConfigurationFactory.ParseString("retries = ${defaults.retries}", reference);

        Assert.Equal(3, config.GetInt("retries"));
        Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString("retries = ${defaults.retries}"));
    }

    [Fact]
    public void A_null_in_the_receiver_clears_an_object_of_the_fallback()
    {
        var config = HoconText.Parse("a = null").WithFallback(HoconText.Parse("a { x = 1 }"));

        Assert.False(config.HasPath("a"));
        Assert.False(config.HasPath("a.x"));
    }

    [Fact]
    public void Empty_configs_are_neutral()
    {
        var config = HoconText.Parse("a = 1");

        Assert.Same(config, config.WithFallback(Config.Empty));
        Assert.Same(config, ConfigurationFactory.Empty.WithFallback(config));
        Assert.True(Config.Empty.IsEmpty);
    }

    [Fact]
    public void Fallbacks_chain_in_priority_order()
    {
        var config = HoconText.Parse("a = 1")
            .WithFallback(HoconText.Parse("a = 2, b = 2"))
            .WithFallback(HoconText.Parse("a = 3, b = 3, c = 3"));

        Assert.Equal((1, 2, 3), (config.GetInt("a"), config.GetInt("b"), config.GetInt("c")));
    }

    [Fact]
    public void Load_with_an_application_config_resolves_the_reference_against_it()
    {
        HoconResourceRegistry.Register(typeof(FallbackSpec).Assembly);

        var config = ConfigurationFactory.Load(HoconText.Parse("polca-hocon-tests.reference.retries = 5"));

        Assert.Equal("hello from the embedded reference, retries 5", config.GetString("polca-hocon-tests.reference.summary"));
    }

    [Fact]
    public void A_sub_config_can_take_a_fallback()
    {
        var config = HoconText.Parse("node { name = east }").GetConfig("node").WithFallback(HoconText.Parse("name = default, cores = 8"));

        Assert.Equal("east", config.GetString("name"));
        Assert.Equal(8, config.GetInt("cores"));
    }
}
