using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Nianbao.Documents.Docx;

/// <summary>
/// Word's automatic numbering. A heading typed as "总体情况" in a list styled "一、" shows as
/// "一、总体情况", but the "一、" is not in the runs: it is generated from numbering.xml. Reports
/// number their sections and table labels this way, so the labels are rebuilt here in document
/// order: counters per abstract list, deeper levels reset when a shallower one advances, %1…%9
/// replaced by each level's counter in its number format.
/// </summary>
internal sealed class DocxNumbering
{
    private sealed record Level(int Start, string Format, string Text, string Suffix);

    private readonly Dictionary<string, (string AbstractId, Dictionary<int, int> StartOverrides)> _nums = new();
    private readonly Dictionary<string, Dictionary<int, Level>> _abstracts = new();
    private readonly Dictionary<string, (string? NumId, int? Level, string? BasedOn)> _styles = new();
    private readonly Dictionary<string, int?[]> _counters = new();
    private readonly HashSet<string> _overridesApplied = new();

    public DocxNumbering(XDocument? numbering, XDocument? styles)
    {
        foreach (var a in numbering?.Root?.Elements().Where(e => e.Name.LocalName == "abstractNum") ?? [])
        {
            var id = Attr(a, "abstractNumId");
            if (id is null) continue;
            var levels = new Dictionary<int, Level>();
            foreach (var lvl in a.Elements().Where(e => e.Name.LocalName == "lvl"))
            {
                if (Int(Attr(lvl, "ilvl")) is not { } ilvl) continue;
                levels[ilvl] = new Level(
                    Int(Val(Child(lvl, "start"))) ?? 1,
                    Val(Child(lvl, "numFmt")) ?? "decimal",
                    Val(Child(lvl, "lvlText")) ?? "",
                    Val(Child(lvl, "suff")) ?? "tab");
            }
            _abstracts[id] = levels;
        }
        foreach (var n in numbering?.Root?.Elements().Where(e => e.Name.LocalName == "num") ?? [])
        {
            var id = Attr(n, "numId");
            var abstractId = Val(Child(n, "abstractNumId"));
            if (id is null || abstractId is null) continue;
            var overrides = new Dictionary<int, int>();
            foreach (var o in n.Elements().Where(e => e.Name.LocalName == "lvlOverride"))
                if (Int(Attr(o, "ilvl")) is { } ilvl && Int(Val(Child(o, "startOverride"))) is { } start)
                    overrides[ilvl] = start;
            _nums[id] = (abstractId, overrides);
        }
        foreach (var s in styles?.Root?.Elements().Where(e => e.Name.LocalName == "style") ?? [])
        {
            var id = Attr(s, "styleId");
            if (id is null) continue;
            var numPr = Child(Child(s, "pPr"), "numPr");
            _styles[id] = (Val(Child(numPr, "numId")), Int(Val(Child(numPr, "ilvl"))), Val(Child(s, "basedOn")));
        }
    }

    public bool IsEmpty => _nums.Count == 0;

    /// <summary>
    /// The generated label of a paragraph ("一、", "（二）", "3."), advancing the counters; null when it has none.
    /// <paramref name="numId"/> and <paramref name="ilvl"/> are the paragraph's own numPr values, <paramref name="style"/> its pStyle.
    /// </summary>
    public string? Next(string? numId, int? ilvl, string? style)
    {
        if (IsEmpty) return null;
        // Numbering can come from the paragraph style (and the styles it is based on).
        for (var depth = 0; style is not null && depth < 10 && (numId is null || ilvl is null); depth++)
        {
            if (!_styles.TryGetValue(style, out var s)) break;
            numId ??= s.NumId;
            ilvl ??= s.Level;
            style = s.BasedOn;
        }
        if (numId is null or "0" || !_nums.TryGetValue(numId, out var num) || !_abstracts.TryGetValue(num.AbstractId, out var levels)) return null;
        var level = ilvl ?? 0;
        if (!levels.TryGetValue(level, out var def)) return null;

        if (!_counters.TryGetValue(num.AbstractId, out var counters)) _counters[num.AbstractId] = counters = new int?[9];
        if (num.StartOverrides.Count > 0 && _overridesApplied.Add(numId))
            foreach (var (l, start) in num.StartOverrides)
                if (l is >= 0 and < 9) counters[l] = start - 1;
        if (level is < 0 or >= 9) return null;
        counters[level] = (counters[level] ?? def.Start - 1) + 1;
        for (var deeper = level + 1; deeper < 9; deeper++) counters[deeper] = null;

        if (def.Format is "bullet" or "none") return null;
        var text = new StringBuilder();
        for (var i = 0; i < def.Text.Length; i++)
        {
            if (def.Text[i] == '%' && i + 1 < def.Text.Length && def.Text[i + 1] is >= '1' and <= '9')
            {
                var l = def.Text[++i] - '1';
                var ldef = levels.GetValueOrDefault(l) ?? def;
                text.Append(FormatNumber(counters[l] ?? ldef.Start, l == level ? def.Format : ldef.Format));
            }
            else text.Append(def.Text[i]);
        }
        var label = text.ToString();
        if (label.Length == 0) return null;
        // Word puts a tab (or a space) after the label; before CJK text that reads as nothing.
        return def.Suffix == "space" || (def.Suffix == "tab" && char.IsAsciiLetterOrDigit(label[^1])) ? label + " " : label;
    }

    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    private const string Stems = "甲乙丙丁戊己庚辛壬癸";

    internal static string FormatNumber(int n, string format) => format switch
    {
        // LibreOffice writes the "一、二、三" lists of a legacy .doc/.wps as taiwaneseCounting(Thousand):
        // the same characters below one hundred, which is where section and item labels live.
        "chineseCounting" or "chineseCountingThousand" or "chineseLegalSimplified" or "japaneseCounting" or "taiwaneseCounting" or "taiwaneseCountingThousand"
            when n is > 0 and < 10000 => Chinese(n),
        "ideographDigital" or "taiwaneseDigital" when n is > 0 => string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => Digits[c - '0'])),
        "ideographTraditional" when n is >= 1 and <= 10 => Stems[n - 1].ToString(),
        "decimalEnclosedCircle" or "decimalEnclosedCircleChinese" when n is >= 1 and <= 20 => ((char)(0x2460 + n - 1)).ToString(),
        "decimalEnclosedParen" when n is >= 1 and <= 20 => ((char)(0x2474 + n - 1)).ToString(),
        "decimalEnclosedFullstop" when n is >= 1 and <= 20 => ((char)(0x2488 + n - 1)).ToString(),
        "decimalFullWidth" or "decimalFullWidth2" => string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => (char)(c - '0' + 0xFF10))),
        "decimalZero" => n.ToString("00", CultureInfo.InvariantCulture),
        "upperLetter" when n >= 1 => Letters(n).ToUpperInvariant(),
        "lowerLetter" when n >= 1 => Letters(n),
        "upperRoman" when n is >= 1 and < 4000 => Roman(n),
        "lowerRoman" when n is >= 1 and < 4000 => Roman(n).ToLowerInvariant(),
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.</summary>
    private static string Chinese(int n)
    {
        string[] units = ["", "十", "百", "千"];
        var digits = n.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        var zero = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[i] - '0';
            var unit = units[digits.Length - 1 - i];
            if (d == 0) { zero = sb.Length > 0; continue; }
            if (zero) { sb.Append('零'); zero = false; }
            if (!(d == 1 && unit == "十" && sb.Length == 0)) sb.Append(Digits[d]);
            sb.Append(unit);
        }
        return sb.ToString();
    }

    private static string Letters(int n) => new((char)('a' + (n - 1) % 26), (n - 1) / 26 + 1);

    private static string Roman(int n)
    {
        (int, string)[] map = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var sb = new StringBuilder();
        foreach (var (value, symbol) in map)
            while (n >= value) { sb.Append(symbol); n -= value; }
        return sb.ToString();
    }

    private static XElement? Child(XElement? e, string localName) => e?.Elements().FirstOrDefault(c => c.Name.LocalName == localName);
    private static string? Attr(XElement? e, string localName) => e?.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value;
    private static string? Val(XElement? e) => Attr(e, "val");
    private static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
