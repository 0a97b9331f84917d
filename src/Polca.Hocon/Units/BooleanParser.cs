namespace Polca.Hocon.Units;

/// <summary>Reads the six boolean strings the spec recommends: true/yes/on and false/no/off.</summary>
internal static class BooleanParser
{
    public static bool TryParse(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
            case "yes":
            case "on":
                value = true;
                return true;
            case "false":
            case "no":
            case "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
