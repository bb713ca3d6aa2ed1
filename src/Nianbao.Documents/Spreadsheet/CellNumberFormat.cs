using System.Globalization;
using System.Text;

namespace Nianbao.Documents.Spreadsheet;

/// <summary>
/// Renders a numeric cell the way the spreadsheet shows it. A sheet stores doubles, so a typed 0.3
/// may be stored as 0.30000000000000004 and a sum as 1.0000000002: like Excel, we keep 15
/// significant digits first, then apply the cell's number format (decimals, thousands separator,
/// percent, literal text such as 0"件"). Integers print without ".0".
/// </summary>
public static class CellNumberFormat
{
    private const string DateCode = "yyyy-mm-dd";

    /// <summary>The format codes Excel does not write into the file (ECMA-376 §18.8.30), by id.</summary>
    public static string? BuiltIn(int id) => id switch
    {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 or 48 => "0.00E+00",
        12 or 13 => "General",
        >= 14 and <= 22 => DateCode,
        >= 27 and <= 36 => DateCode,
        37 or 38 => "#,##0",
        39 or 40 => "#,##0.00",
        >= 45 and <= 47 => "h:mm:ss",
        49 => "@",
        >= 50 and <= 58 => DateCode,
        _ => null,
    };

    public static string Format(double value, string? code)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(code) || code.Equals("General", StringComparison.OrdinalIgnoreCase) || code == "@")
            return General(value);
        // Sections: positive;negative;zero. The negative section prints the absolute value (its own
        // signs and brackets are literal text), so -3 under "0_);(0)" shows as (3).
        var sections = Sections(code);
        var section = sections[0];
        if (value < 0 && sections.Count > 1) { section = sections[1]; value = -value; }
        else if (value == 0 && sections.Count > 2) section = sections[2];
        var (before, placeholder, after, isDate) = Split(section);
        if (isDate && placeholder.Length == 0)
        {
            try
            {
                var date = DateTime.FromOADate(value);
                var text = date.ToString(section.Contains('y', StringComparison.OrdinalIgnoreCase) || section.Contains('d', StringComparison.OrdinalIgnoreCase) ? "yyyy-MM-dd" : "", CultureInfo.InvariantCulture);
                if (section.Contains('h', StringComparison.OrdinalIgnoreCase)) text = (text + " " + date.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Trim();
                return text;
            }
            catch (ArgumentException) { return General(value); }
        }
        if (placeholder.Length == 0) return before + after;
        if (placeholder.Contains('E') || placeholder.Contains('e') || placeholder.Contains('/')) return before + General(value) + after;

        var percent = before.Contains('%') || after.Contains('%');
        var dot = placeholder.IndexOf('.');
        var decimals = dot < 0 ? 0 : placeholder[(dot + 1)..].Count(c => c is '0' or '#' or '?');
        var thousands = (dot < 0 ? placeholder : placeholder[..dot]).Contains(',');
        // Trailing commas scale by thousands (#,##0, shows 12345 as 12).
        var scale = 0;
        var integerPart = dot < 0 ? placeholder : placeholder[..dot];
        for (var i = integerPart.Length - 1; i >= 0 && integerPart[i] == ','; i--) scale++;
        if (scale > 0) thousands = integerPart.TrimEnd(',').Contains(',');

        if (!TryRound15(value, out var d)) return before + General(value) + after;
        if (percent) d *= 100;
        for (var i = 0; i < scale; i++) d /= 1000;
        d = Math.Round(d, decimals, MidpointRounding.AwayFromZero);
        var optional = dot < 0 ? 0 : placeholder[(dot + 1)..].Count(c => c == '#');
        var number = d.ToString((thousands ? "N" : "F") + decimals, CultureInfo.InvariantCulture);
        if (optional > 0 && number.Contains('.'))
        {
            // '#' decimals are shown only when not zero.
            var keep = decimals - optional;
            var trimmed = number.TrimEnd('0');
            var minLength = number.IndexOf('.') + 1 + keep;
            number = trimmed.Length < minLength ? number[..minLength] : trimmed;
            number = number.TrimEnd('.');
        }
        return before + number + after;
    }

    /// <summary>Excel's "General": up to 15 significant digits, no trailing zeros, no ".0".</summary>
    public static string General(double value)
    {
        if (TryRound15(value, out var d))
        {
            var text = d.ToString("0.###############", CultureInfo.InvariantCulture);
            return text == "-0" ? "0" : text;
        }
        return value.ToString("G15", CultureInfo.InvariantCulture);
    }

    private static bool TryRound15(double value, out decimal result) =>
        decimal.TryParse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out result);

    private static List<string> Sections(string code)
    {
        var sections = new List<string>();
        var inQuote = false;
        var start = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') inQuote = !inQuote;
            else if (!inQuote && c == '\\') i++;
            else if (!inQuote && c == ';')
            {
                sections.Add(code[start..i]);
                start = i + 1;
            }
        }
        sections.Add(code[start..]);
        return sections;
    }

    /// <summary>Splits a format section into literal text before, the numeric placeholder run, and literal text after.</summary>
    private static (string Before, string Placeholder, string After, bool IsDate) Split(string section)
    {
        var before = new StringBuilder();
        var placeholder = new StringBuilder();
        var after = new StringBuilder();
        var isDate = false;
        var state = 0; // 0 before, 1 in placeholder, 2 after
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            var target = state == 0 ? before : after;
            if (c == '"')
            {
                var end = section.IndexOf('"', i + 1);
                if (end < 0) end = section.Length;
                if (state == 1) { state = 2; target = after; }
                target.Append(section, i + 1, end - i - 1);
                i = end;
                continue;
            }
            if (c == '\\' && i + 1 < section.Length)
            {
                if (state == 1) { state = 2; target = after; }
                target.Append(section[++i]);
                continue;
            }
            if (c == '[')
            {
                var end = section.IndexOf(']', i + 1);
                i = end < 0 ? section.Length : end;
                continue;
            }
            if (c is '_' or '*') { i++; continue; }
            if (c is '0' or '#' or '?' or '.' or ',' or 'E' or 'e' or '+' or '-' && (state == 1 || c is '0' or '#' or '?' or '.'))
            {
                if (state == 2) { after.Append(c); continue; }
                state = 1;
                placeholder.Append(c);
                continue;
            }
            if (c is 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S') isDate = true;
            if (state == 1) state = 2;
            (state == 0 ? before : after).Append(c);
        }
        var p = placeholder.ToString().TrimEnd('-', '+');
        return (before.ToString(), p, after.ToString(), isDate);
    }
}
