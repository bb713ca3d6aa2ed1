using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Nianbao.Documents.Model;
using Nianbao.Documents.Tables;

namespace Nianbao.Documents.Html;

/// <summary>
/// Web pages as saved from government sites, Word's "save as HTML" and pasted fragments. All visible
/// text is kept in reading order (the report sits among navigation, headers and footers); block
/// elements and <c>br</c> end a line. Data tables become rows on a true grid after rowspan/colspan
/// expansion (<see cref="TableGrid"/>); tables used for page layout (one cell, or a cell holding a
/// table, a heading or running text) are read as containers of text instead.
/// </summary>
public sealed class HtmlReader : IDocumentReader
{
    private static readonly string[] Markers = ["<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<div", "<p>", "<p ", "<title"];

    public SourceFormat Format => SourceFormat.Html;

    public bool CanRead(ReadOnlySpan<byte> bytes, string fileName)
    {
        var headBytes = bytes[..Math.Min(bytes.Length, 2048)];
        string head;
        if (headBytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) head = Encoding.Unicode.GetString(headBytes[2..]);
        else if (headBytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) head = Encoding.BigEndianUnicode.GetString(headBytes[2..]);
        else head = Encoding.Latin1.GetString(headBytes); // markup is ASCII in every encoding we accept
        head = head.TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        if (head.Length == 0 || head[0] != '<') return false;
        var window = head[..Math.Min(head.Length, 1024)];
        foreach (var marker in Markers)
            if (window.Contains(marker, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public SourceDocument Read(byte[] bytes, string fileName) => Read(bytes, fileName, ReadLimits.Default, CancellationToken.None);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        if (bytes.Length / 4 > limits.MaxTextChars)
            throw Limits.ReadLimitException.TooLarge($"网页至少 {bytes.Length / 4} 个字符，上限 {limits.MaxTextChars}", $"a page of at least {bytes.Length / 4} characters (the limit is {limits.MaxTextChars})");
        var decoded = HtmlEncodingSniffer.Decode(bytes);
        // Measured before parsing: the parser itself recurses and backtracks on deep or misnested markup.
        HtmlShape.Check(decoded.Text, limits);
        cancellation.ThrowIfCancellationRequested();
        var document = new HtmlParser().ParseDocumentAsync(decoded.Text, cancellation).GetAwaiter().GetResult();
        var builder = new DocumentBuilder(limits);
        if (decoded.EncodingName.Contains(HtmlEncodingSniffer.LenientMarker, StringComparison.Ordinal))
        {
            var encoding = decoded.EncodingName.Replace(HtmlEncodingSniffer.LenientMarker, "", StringComparison.Ordinal);
            builder.AddNotice("undecodable-bytes", $"Some bytes are not valid {encoding} and were replaced by U+FFFD.", ("encoding", encoding));
        }
        if (!string.IsNullOrWhiteSpace(document.Title)) builder.SetProperty("title", Collapse(document.Title));
        var walker = new Walker(builder, limits, cancellation);
        if (document.Body is { } body) walker.Walk(body);
        else if (document.DocumentElement is { } root) walker.Walk(root);
        walker.Flush();
        return builder.Build(fileName, bytes, SourceFormat.Html, decoded.EncodingName);
    }

    internal static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f') { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private sealed class Walker(DocumentBuilder? builder, ReadLimits limits, CancellationToken cancellation)
    {
        private int _depth;
        private int _visited;

        private static readonly HashSet<string> Skipped = ["script", "style", "noscript", "template", "head", "title", "object", "embed", "iframe", "select", "option", "svg", "math", "button"];

        private static readonly HashSet<string> Blocks =
        [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
            "header", "footer", "nav", "aside", "main", "blockquote", "pre", "hr", "form", "fieldset", "address",
            "figure", "figcaption", "center", "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "legend", "details", "summary",
        ];

        private readonly StringBuilder _line = new();
        private bool _pendingSpace;
        private int _tables;

        /// <summary>Lines collected when walking the content of one cell instead of the document.</summary>
        public List<string> Lines { get; } = new();

        public void Walk(INode node)
        {
            switch (node)
            {
                case IText text:
                    Append(text.Data);
                    break;
                case IElement element:
                    var name = element.LocalName.ToLowerInvariant();
                    if (Skipped.Contains(name) || IsHidden(element)) return;
                    if (name == "br") { Flush(); return; }
                    if ((++_visited & 1023) == 0) cancellation.ThrowIfCancellationRequested();
                    // The parser can build a tree deeper than the markup's own nesting (misnested formatting).
                    if (++_depth > limits.MaxHtmlDepth)
                        throw Limits.ReadLimitException.Malformed($"元素嵌套超过 {limits.MaxHtmlDepth} 层", $"elements nested more than {limits.MaxHtmlDepth} deep");
                    try
                    {
                        if (name == "table" && builder is not null) { Flush(); Table(element); return; }
                        var block = Blocks.Contains(name);
                        if (block) Flush();
                        foreach (var child in element.ChildNodes) Walk(child);
                        if (block) Flush();
                    }
                    finally { _depth--; }
                    break;
            }
        }

        private void Append(string data)
        {
            foreach (var c in data)
            {
                if (c is ' ' or '\t' or '\n' or '\r' or '\f') { _pendingSpace = true; continue; }
                if (_pendingSpace && _line.Length > 0) _line.Append(' ');
                _pendingSpace = false;
                _line.Append(c);
            }
        }

        public void Flush()
        {
            _pendingSpace = false;
            var text = _line.ToString().Trim();
            _line.Clear();
            // A line of only &nbsp; or ideographic spaces is layout, not text.
            if (text.All(char.IsWhiteSpace)) return;
            if (builder is null) Lines.Add(text);
            else builder.AddParagraph(text);
        }

        private static bool IsHidden(IElement element)
        {
            if (element.HasAttribute("hidden")) return true;
            var style = element.GetAttribute("style");
            if (style is null) return false;
            var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            return compact.Contains("display:none", StringComparison.Ordinal);
        }

        private void Table(IElement table)
        {
            var (groups, captions) = OwnStructure(table);
            foreach (var caption in captions) Walk(caption);
            var cellCount = groups.Sum(g => g.Rows.Sum(r => r.Count));
            var isLayout = cellCount <= 1 || groups.Any(g => g.Rows.Any(r => r.Any(IsContainer)));
            if (isLayout)
            {
                // A table that only arranges the page: its cells are containers of paragraphs and tables.
                foreach (var group in groups.Where(g => !g.IsFoot).Concat(groups.Where(g => g.IsFoot)))
                    foreach (var row in group.Rows)
                        foreach (var cell in row)
                        {
                            Flush();
                            foreach (var child in cell.ChildNodes) Walk(child);
                            Flush();
                        }
                return;
            }

            var grid = TableGrid.Build(new GridTableInput(groups
                .Select(g => new GridRowGroup(g.IsFoot, g.Rows.Select(r => (IReadOnlyList<GridCellInput>)r
                    .Select(c => new GridCellInput(c.GetAttribute("colspan"), c.GetAttribute("rowspan"))).ToList()).ToList()))
                .ToList()), limits);
            var tableIndex = _tables++;
            if (grid.Overlaps > 0)
                builder!.AddNotice("table-model-error", $"Table {tableIndex}: {grid.Overlaps} slot(s) claimed by two cells (rowspan/colspan overlap); the first cell kept them.",
                    ("table", tableIndex + 1), ("slots", grid.Overlaps));
            var placedByRow = grid.Cells.ToLookup(c => (c.GroupIndex, c.RowInGroup));
            foreach (var (g, r, y) in grid.RowY)
            {
                var row = groups[g].Rows[r];
                if (row.Count == 0) continue;
                var cells = placedByRow[(g, r)].OrderBy(c => c.CellIndex)
                    .Select(c => new CellInput(CellText(row[c.CellIndex])) { Column = c.X, ColumnSpan = c.ColSpan });
                builder!.AddRow(cells, tableIndex, y);
            }
        }

        /// <summary>
        /// A cell that holds a table, a heading, or running text (three or more blocks, 200+ characters)
        /// arranges the page rather than holding a value: a statutory table's cells are short.
        /// </summary>
        private static bool IsContainer(IElement cell)
        {
            if (cell.QuerySelector("table, h1, h2, h3, h4, h5, h6") is not null) return true;
            return cell.QuerySelectorAll("p, div, li, br").Length >= 3 && cell.TextContent.Length >= LongCellText;
        }

        internal const int LongCellText = 200;

        private string CellText(IElement cell)
        {
            var walker = new Walker(null, limits, cancellation) { _depth = _depth };
            foreach (var child in cell.ChildNodes) walker.Walk(child);
            walker.Flush();
            return CellLines.Join(walker.Lines);
        }

        private sealed record Group(bool IsFoot, List<List<IElement>> Rows);

        /// <summary>The table's own row groups and rows (never those of a nested table), in tree order.</summary>
        private static (List<Group> Groups, List<IElement> Captions) OwnStructure(IElement table)
        {
            var groups = new List<Group>();
            var captions = new List<IElement>();
            Group? loose = null;
            foreach (var child in table.Children)
            {
                var name = child.LocalName.ToLowerInvariant();
                switch (name)
                {
                    case "caption":
                        captions.Add(child);
                        break;
                    case "thead" or "tbody" or "tfoot":
                        loose = null;
                        if (!IsHidden(child)) groups.Add(new Group(name == "tfoot", child.Children.Where(r => IsRow(r) && !IsHidden(r)).Select(Cells).ToList()));
                        break;
                    case "tr":
                        if (IsHidden(child)) break; // e.g. the display:none row of column widths Word appends to its tables
                        if (loose is null) groups.Add(loose = new Group(false, new()));
                        loose.Rows.Add(Cells(child));
                        break;
                }
            }
            return (groups, captions);
        }

        private static bool IsRow(IElement e) => e.LocalName.Equals("tr", StringComparison.OrdinalIgnoreCase);

        private static List<IElement> Cells(IElement row) =>
            row.Children.Where(c => (c.LocalName.Equals("td", StringComparison.OrdinalIgnoreCase) || c.LocalName.Equals("th", StringComparison.OrdinalIgnoreCase)) && !IsHidden(c)).ToList();
    }
}
