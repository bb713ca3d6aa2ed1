using DiffPlex;
using DiffPlex.Chunkers;

namespace Nianbao.Server.Comparing;

/// <summary>The kinds of <see cref="DiffSegment"/>, as the JSON and the page name them.</summary>
public static class SegmentKind
{
    public const string Equal = "equal";
    public const string Deleted = "deleted";
    public const string Inserted = "inserted";
}

/// <summary>A run of text that both sides share, or that only the left (deleted) or right (inserted) has.</summary>
public sealed record DiffSegment(string Kind, string Text);

/// <summary>
/// A two-level text diff with DiffPlex: lines first (a paragraph is a line in these reports), then,
/// inside each changed block, characters — Chinese has no spaces between words, so a word diff would
/// mark whole sentences. The equal and deleted segments spell the left text exactly, the equal and
/// inserted ones the right text.
/// </summary>
public static class TextDiff
{
    private static readonly Differ Differ = new();

    /// <summary>Above this many characters on each side of a changed block, the block is shown as replaced whole (bounds the work).</summary>
    public const int MaxCharacterDiff = 20_000;

    public static IReadOnlyList<DiffSegment> Diff(string left, string right)
    {
        var segments = new List<DiffSegment>();
        var lines = Differ.CreateDiffs(left, right, false, false, LineEndingsPreservingChunker.Instance);
        var a = 0;
        foreach (var block in lines.DiffBlocks)
        {
            Add(segments, SegmentKind.Equal, string.Concat(lines.PiecesOld.Skip(a).Take(block.DeleteStartA - a)));
            var deleted = string.Concat(lines.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var inserted = string.Concat(lines.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            if (deleted.Length == 0 || inserted.Length == 0 || deleted.Length > MaxCharacterDiff || inserted.Length > MaxCharacterDiff)
            {
                Add(segments, SegmentKind.Deleted, deleted);
                Add(segments, SegmentKind.Inserted, inserted);
            }
            else Characters(segments, deleted, inserted);
            a = block.DeleteStartA + block.DeleteCountA;
        }
        Add(segments, SegmentKind.Equal, string.Concat(lines.PiecesOld.Skip(a)));
        return segments;
    }

    private static void Characters(List<DiffSegment> segments, string left, string right)
    {
        var chars = Differ.CreateDiffs(left, right, false, false, CharacterChunker.Instance);
        var a = 0;
        foreach (var block in chars.DiffBlocks)
        {
            Add(segments, SegmentKind.Equal, string.Concat(chars.PiecesOld.Skip(a).Take(block.DeleteStartA - a)));
            Add(segments, SegmentKind.Deleted, string.Concat(chars.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA)));
            Add(segments, SegmentKind.Inserted, string.Concat(chars.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB)));
            a = block.DeleteStartA + block.DeleteCountA;
        }
        Add(segments, SegmentKind.Equal, string.Concat(chars.PiecesOld.Skip(a)));
    }

    // Neighbouring segments of one kind are merged, empty ones dropped: what is shown is what changed.
    private static void Add(List<DiffSegment> segments, string kind, string text)
    {
        if (text.Length == 0) return;
        if (segments.Count > 0 && segments[^1].Kind == kind) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        else segments.Add(new DiffSegment(kind, text));
    }

    public static string Left(IEnumerable<DiffSegment> segments) => string.Concat(segments.Where(s => s.Kind != SegmentKind.Inserted).Select(s => s.Text));

    public static string Right(IEnumerable<DiffSegment> segments) => string.Concat(segments.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text));
}
