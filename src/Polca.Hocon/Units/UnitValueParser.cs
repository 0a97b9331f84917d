using System.Globalization;
using System.Text.RegularExpressions;

namespace Polca.Hocon.Units;

/// <summary>Splits "number unit" strings as the spec's units format describes: optional whitespace, a number, optional whitespace, letters.</summary>
internal static partial class UnitValueParser
{
    [GeneratedRegex(@"^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(\p{L}*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberThenUnit();

    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        number = 0;
        unit = "";
        var match = NumberThenUnit().Match(text);
        if (!match.Success)
        {
            return false;
        }

        unit = match.Groups[2].Value;
        return decimal.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
