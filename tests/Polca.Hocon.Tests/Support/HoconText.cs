namespace Polca.Hocon.Tests.Support;

/// <summary>Short helpers for parsing HOCON text in tests.</summary>
internal static class HoconText
{
    public static Config Parse(string text) => ConfigurationFactory.ParseString(text);

    public static HoconException ParseFails(string text) =>
        Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString(text));

    public static string Json(string text) => ConfigurationFactory.ParseString(text).ToJson(indented: false);
}
