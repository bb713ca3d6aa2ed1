using Nianbao.Documents.Model;
using Nianbao.Recognition.Text;

namespace Nianbao.Recognition;

/// <summary>
/// What the recognizers share about one document: the normalized text, its whitespace-free
/// compact form for label matching, and the number tokens in reading order.
/// </summary>
public sealed class DocumentView
{
    public DocumentView(SourceDocument document)
    {
        Document = document;
        Compact = new CompactText(document.Text.Value);
        _tokens = NumberScanner.Scan(document);
    }

    // The list itself (not the interface): TokensBetween walks it for every row of every table.
    private readonly List<NumberToken> _tokens;

    public SourceDocument Document { get; }
    public string Text => Document.Text.Value;
    public CompactText Compact { get; }
    public IReadOnlyList<NumberToken> Tokens => _tokens;

    /// <summary>Tokens whose start lies in the normalized range [start, end).</summary>
    public List<NumberToken> TokensBetween(int start, int end)
    {
        // The range is counted first, so the list is allocated once at its size: the regions of tables
        // 三 and 四 hold hundreds of tokens, and growing a list for each cost a noticeable share of a
        // batch's allocations (docs/performance.md).
        var from = FirstTokenAtOrAfter(start);
        var to = from;
        while (to < _tokens.Count && _tokens[to].Start < end) to++;
        var result = new List<NumberToken>(to - from);
        for (var i = from; i < to; i++) result.Add(_tokens[i]);
        return result;
    }

    /// <summary>
    /// <paramref name="tokens"/> grouped by their line, lines in the order they first appear and each
    /// line's tokens in order: what <c>GroupBy(t =&gt; t.Line)</c> gives, without hashing the line record
    /// for every token (its hash reads every field; table 三 asks this for each report).
    /// </summary>
    public static List<(DocLine Line, List<NumberToken> Tokens)> ByLine(List<NumberToken> tokens)
    {
        var groups = new List<(DocLine Line, List<NumberToken> Tokens)>();
        Dictionary<DocLine, int>? index = null;
        foreach (var token in tokens)
        {
            // A line's tokens come together in reading order: the last group is almost always the one.
            var last = groups.Count - 1;
            if (last >= 0 && ReferenceEquals(groups[last].Line, token.Line))
            {
                groups[last].Tokens.Add(token);
                continue;
            }
            index ??= new Dictionary<DocLine, int>(LineByStart.Instance);
            if (index.TryGetValue(token.Line, out var g)) groups[g].Tokens.Add(token);
            else
            {
                index.Add(token.Line, groups.Count);
                groups.Add((token.Line, [token]));
            }
        }
        return groups;
    }

    /// <summary>Lines as equal as their records say, hashed by their start alone (equal lines start at one place).</summary>
    private sealed class LineByStart : IEqualityComparer<DocLine>
    {
        public static readonly LineByStart Instance = new();
        public bool Equals(DocLine? a, DocLine? b) => EqualityComparer<DocLine>.Default.Equals(a, b);
        public int GetHashCode(DocLine line) => line.Start;
    }

    private int FirstTokenAtOrAfter(int offset)
    {
        var lo = 0;
        var hi = _tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_tokens[mid].Start < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The line that holds normalized offset <paramref name="offset"/>, if any.</summary>
    public Documents.Model.DocLine? LineAt(int offset) => LineIndexAt(offset) is var i and >= 0 ? Document.Lines[i] : null;

    /// <summary>The index in <see cref="SourceDocument.Lines"/> of the line that holds <paramref name="offset"/>, or -1.</summary>
    public int LineIndexAt(int offset)
    {
        var lines = Document.Lines;
        int lo = 0, hi = lines.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (lines[mid].Start > offset) hi = mid - 1;
            else if (lines[mid].Start + lines[mid].Length < offset) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>Compact offset → normalized offset.</summary>
    public int N(int compactIndex) => Compact.ToNormalized(compactIndex);

    /// <summary>
    /// The normalized offset just after a compact range ending at <paramref name="compactEnd"/>: right
    /// after its last character, not at the next non-space character, so blank cells that follow a
    /// label ("| 行政处罚 |  |") stay after it.
    /// </summary>
    public int NEnd(int compactEnd) => compactEnd <= 0 ? 0 : Compact.ToNormalized(compactEnd - 1) + 1;
}
