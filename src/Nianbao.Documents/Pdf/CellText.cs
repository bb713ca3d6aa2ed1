using System.Text;
using Nianbao.Documents.Model;

namespace Nianbao.Documents.Pdf;

/// <summary>
/// Lays glyphs out as text with one box per character: a space where a gap on one baseline is wide
/// enough to be a word space, nothing where a wrapped CJK line continues, a space between wrapped
/// Latin lines.
/// </summary>
internal sealed class CellText
{
    private const double WordGap = 0.25;

    private readonly StringBuilder _text = new();
    private readonly List<TextBox> _boxes = new();
    private readonly int _page;
    private Glyph? _last;

    public CellText(int page) => _page = page;

    public bool IsEmpty => _text.Length == 0;

    public void AddLine(IEnumerable<Glyph> glyphs)
    {
        foreach (var g in glyphs) Add(g);
    }

    private void Add(Glyph g)
    {
        if (_last is { } last)
        {
            var sameLine = Math.Abs(last.Baseline - g.Baseline) <= 0.3 * Math.Min(last.Size, g.Size);
            var wantsSpace = sameLine
                ? g.Left - last.Right > WordGap * Math.Min(last.Size, g.Size)
                : !last.IsCjk && !g.IsCjk && !WrappedNumber(last.Text[^1], g.Text[0]);
            if (wantsSpace)
            {
                _text.Append(' ');
                _boxes.Add(sameLine ? GapBox(last, g) : last.Box(_page));
            }
        }
        _text.Append(g.Text);
        for (var i = 0; i < g.Text.Length; i++) _boxes.Add(g.Box(_page));
        _last = g;
    }

    /// <summary>The page-coordinate box between two neighbouring glyphs (the box of an inserted space).</summary>
    private TextBox GapBox(Glyph a, Glyph b)
    {
        var x = new[] { a.Source.Left, a.Source.Right, b.Source.Left, b.Source.Right }.Order().ToArray();
        var y = new[] { a.Source.Bottom, a.Source.Top, b.Source.Bottom, b.Source.Top }.Order().ToArray();
        // Upright text: the gap is between the glyphs horizontally; sideways text: vertically.
        var upright = Math.Abs(a.Source.Bottom - b.Source.Bottom) < Math.Abs(a.Source.Left - b.Source.Left);
        return upright
            ? new TextBox(_page, x[1], y[0], Math.Max(x[1], x[2]), y[3])
            : new TextBox(_page, x[0], y[1], x[3], Math.Max(y[1], y[2]));
    }

    /// <summary>Digits on both sides of a line break: one number that did not fit its width.</summary>
    private static bool WrappedNumber(char before, char after) => char.IsAsciiDigit(before) && char.IsAsciiDigit(after);

    /// <summary>
    /// Appends another piece (the next line of a ruled cell or of a paragraph, possibly on the next
    /// page). Digits on both sides of the break are one number that did not fit the width: Word and
    /// LibreOffice wrap "1776" in a narrow cell as "177" over "6", and Chinese prose breaks lines
    /// inside numbers too.
    /// </summary>
    public void Append(CellText other)
    {
        if (other.IsEmpty) return;
        if (_last is not null && other._last is not null && !_last.IsCjk && !char.IsWhiteSpace(_text[^1]) && !Glyph.IsCjkChar(other._text[0])
            && !WrappedNumber(_text[^1], other._text[0]))
        {
            _text.Append(' ');
            _boxes.Add(_boxes[^1]);
        }
        _text.Append(other._text);
        _boxes.AddRange(other._boxes);
        _last = other._last;
    }

    public CellInput ToCell(int? column = null) => new(_text.ToString()) { CharBoxes = _boxes.ToArray(), Column = column };
}
