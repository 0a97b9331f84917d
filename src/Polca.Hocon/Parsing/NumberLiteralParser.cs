using System.Globalization;
using System.Text.RegularExpressions;

namespace Polca.Hocon.Parsing;

/// <summary>Recognises JSON numbers; integral ones become exact 64-bit integers, the rest doubles.</summary>
internal static partial class NumberLiteralParser
{
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    /// <summary>Returns the number literal for <paramref name="text"/>, or null when it is not a JSON number.</summary>
    public static HoconLiteral? TryParse(string text, HoconOrigin origin)
    {
        if (!JsonNumber().IsMatch(text))
        {
            return null;
        }

        var integral = text.IndexOfAny(['.', 'e', 'E']) < 0;
        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return HoconLiteral.IntegerAsWritten(text, integer, origin);
        }

        var real = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(real))
        {
            throw new HoconException(origin, $"number {text} is too large to be represented");
        }

        return HoconLiteral.DoubleAsWritten(text, real, origin);
    }
}
