using System.Globalization;
using System.Text;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>Escaping and number formatting for the report: every string from the input goes through <see cref="Escape"/>.</summary>
internal static class HtmlText
{
    /// <summary>
    /// <paramref name="text"/> with &amp;, &lt;, &gt;, quotes and apostrophes escaped, and control characters (which neither
    /// HTML nor XML allows) replaced by U+FFFD, so it is safe in element content and in quoted attributes.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n' or '\r': builder.Append(c); break;
                default: builder.Append(char.IsControl(c) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="value"/> with thousands separators and <paramref name="decimals"/> decimals; "n/a" when not finite.</summary>
    public static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary><paramref name="fraction"/> as a percentage with <paramref name="decimals"/> decimals ("91.2 %").</summary>
    public static string Percent(double fraction, int decimals = 1) => $"{Number(fraction * 100, decimals)} %";

    /// <summary>An SVG coordinate: at most one decimal, invariant.</summary>
    public static string Coordinate(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A length of emulated or wall time: "h:mm:ss", with a day count in front from one day on.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return "n/a";
        var total = (long)Math.Round(Math.Abs(seconds));
        var sign = seconds < 0 ? "-" : "";
        var days = total / 86_400;
        var rest = total % 86_400;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{rest / 3600}:{rest / 60 % 60:00}:{rest % 60:00}");
        return days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{sign}{days} d {clock}") : sign + clock;
    }

    /// <summary>A latency in ms as people read it: "850 ms", "12.5 ms", "1.2 s".</summary>
    public static string Milliseconds(double ms)
    {
        if (!double.IsFinite(ms)) return "n/a";
        var c = CultureInfo.InvariantCulture;
        if (Math.Abs(ms) >= 1000) return (ms / 1000).ToString("0.###", c) + " s";
        return ms.ToString(Math.Abs(ms) >= 100 ? "0" : Math.Abs(ms) >= 1 ? "0.#" : "0.###", c) + " ms";
    }
}
