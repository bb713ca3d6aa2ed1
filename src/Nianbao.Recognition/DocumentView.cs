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
        Tokens = NumberScanner.Scan(document);
    }

    public SourceDocument Document { get; }
    public string Text => Document.Text.Value;
    public CompactText Compact { get; }
    public IReadOnlyList<NumberToken> Tokens { get; }

    /// <summary>Tokens whose start lies in the normalized range [start, end).</summary>
    public List<NumberToken> TokensBetween(int start, int end)
    {
        var result = new List<NumberToken>();
        var lo = 0;
        var hi = Tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Tokens[mid].Start < start) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < Tokens.Count && Tokens[i].Start < end; i++) result.Add(Tokens[i]);
        return result;
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
