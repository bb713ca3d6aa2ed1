using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace Nianbao.Documents.Docx;

/// <summary>What the walker tells apart; everything else is <see cref="Other"/> (hyperlinks, fields, drawings, math…), whose text still counts.</summary>
internal enum WordKind : byte
{
    Other,
    Body,
    Paragraph,
    Table,
    Row,
    Cell,
    Text,
    Tab,
    Break,
    NoBreakHyphen,
    /// <summary>sdt, sdtContent, customXml, ins, moveTo: transparent around paragraphs, tables, rows and cells.</summary>
    Wrapper,
    /// <summary>Transparent around paragraphs but, unlike <see cref="Wrapper"/>, never around rows or cells.</summary>
    SmartTag,
    /// <summary>del, moveFrom, mc:Fallback: not visible text, kept only because the container test counts what is inside.</summary>
    Hidden,
    /// <summary>A picture drawn in the text (a:blip of a w:drawing); <see cref="WordNode.Text"/> is the relationship id of its image part.</summary>
    Picture,
}

/// <summary>
/// One element of the main part that the walker may look at. Property elements are folded into their
/// owner (the first pPr, trPr, tcPr, as Word reads them) instead of becoming nodes. Inside a paragraph
/// the elements the walker passes through (runs, hyperlinks, fields, drawings…) are not nodes either:
/// their content is spliced into the paragraph, which is how the walker reads them anyway.
/// </summary>
internal sealed class WordNode(WordKind kind)
{
    public WordKind Kind { get; } = kind;
    public List<WordNode>? Children { get; set; }
    /// <summary>The characters of a w:t.</summary>
    public string Text { get; set; } = "";
    /// <summary>A paragraph's <see cref="ParagraphNumbering"/>, a row's <see cref="RowGrid"/>, a cell's <see cref="CellGrid"/>; null when it has none.</summary>
    public object? Properties { get; set; }

    public IReadOnlyList<WordNode> Elements => (IReadOnlyList<WordNode>?)Children ?? [];
}

/// <summary>The numbering a paragraph asks for: its own numPr values and its style.</summary>
internal sealed record ParagraphNumbering(string? NumId, string? NumLevel, string? Style);

internal sealed record RowGrid(string? GridBefore);

/// <summary>A cell's span and merges; a merge element without a val is present with a null value.</summary>
internal sealed record CellGrid(string? GridSpan, bool HasVMerge, string? VMerge, bool HasHMerge, string? HMerge);

/// <summary>
/// Reads word/document.xml in one forward pass. Loading the whole part as a DOM cost about as much as
/// everything else in reading a report; most of the part is formatting (run and paragraph
/// properties, table borders, section settings) that the walker never looks at, so those subtrees
/// are skipped unread and only the elements that carry text or the table grid become nodes.
/// Names are matched by local name, so transitional and strict documents read alike.
/// </summary>
internal sealed class DocxBody
{
    private readonly XmlReader _reader;
    private readonly string _body, _p, _tbl, _tr, _tc, _t, _tab, _ptab, _br, _cr, _noBreakHyphen;
    private readonly string _sdt, _sdtContent, _customXml, _ins, _moveTo, _smartTag, _del, _moveFrom, _fallback;
    private readonly string _pPr, _numPr, _numId, _ilvl, _pStyle, _trPr, _gridBefore, _tcPr, _gridSpan, _vMerge, _hMerge, _val;
    private readonly string _rPr, _sectPr, _tblPr, _tblGrid, _tblPrEx, _delText, _instrText, _delInstrText;
    private readonly string _blip, _embed;

    private DocxBody(XmlReader reader)
    {
        _reader = reader;
        var names = reader.NameTable;
        _body = names.Add("body");
        _p = names.Add("p");
        _tbl = names.Add("tbl");
        _tr = names.Add("tr");
        _tc = names.Add("tc");
        _t = names.Add("t");
        _tab = names.Add("tab");
        _ptab = names.Add("ptab");
        _br = names.Add("br");
        _cr = names.Add("cr");
        _noBreakHyphen = names.Add("noBreakHyphen");
        _sdt = names.Add("sdt");
        _sdtContent = names.Add("sdtContent");
        _customXml = names.Add("customXml");
        _ins = names.Add("ins");
        _moveTo = names.Add("moveTo");
        _smartTag = names.Add("smartTag");
        _del = names.Add("del");
        _moveFrom = names.Add("moveFrom");
        _fallback = names.Add("Fallback");
        _pPr = names.Add("pPr");
        _numPr = names.Add("numPr");
        _numId = names.Add("numId");
        _ilvl = names.Add("ilvl");
        _pStyle = names.Add("pStyle");
        _trPr = names.Add("trPr");
        _gridBefore = names.Add("gridBefore");
        _tcPr = names.Add("tcPr");
        _gridSpan = names.Add("gridSpan");
        _vMerge = names.Add("vMerge");
        _hMerge = names.Add("hMerge");
        _val = names.Add("val");
        _rPr = names.Add("rPr");
        _sectPr = names.Add("sectPr");
        _tblPr = names.Add("tblPr");
        _tblGrid = names.Add("tblGrid");
        _tblPrEx = names.Add("tblPrEx");
        _delText = names.Add("delText");
        _instrText = names.Add("instrText");
        _delInstrText = names.Add("delInstrText");
        _blip = names.Add("blip");
        _embed = names.Add("embed");
    }

    /// <summary>
    /// The first w:body under the root; null when there is none. The whole part is still read, so a
    /// part that is not well-formed fails as it did when it was loaded whole.
    /// </summary>
    /// <exception cref="XmlException">The part is not well-formed XML or declares a DTD.</exception>
    public static WordNode? Read(Stream stream)
    {
        // IgnoreWhitespace drops only insignificant whitespace: spaces in a w:t under
        // xml:space="preserve" still arrive (as significant whitespace), exactly as LINQ to XML kept them.
        var settings = new XmlReaderSettings
        {
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            NameTable = new NameTable(),
        };
        using var reader = XmlReader.Create(stream, settings);
        return new DocxBody(reader).ReadDocument();
    }

    private WordNode? ReadDocument()
    {
        var r = _reader;
        if (r.MoveToContent() != XmlNodeType.Element) return null;
        WordNode? body = null;
        if (!r.IsEmptyElement)
        {
            r.Read();
            while (r.NodeType != XmlNodeType.EndElement && !r.EOF)
            {
                if (r.NodeType != XmlNodeType.Element) r.Read();
                else if (body is null && Is(_body)) body = Element(WordKind.Body, inParagraph: false);
                else r.Skip();
            }
        }
        while (r.Read()) { }
        return body;
    }

    private bool Is(string atom) => ReferenceEquals(_reader.LocalName, atom);

    /// <summary>Reads the element the reader is on and leaves the reader after it; null when nothing in it matters.</summary>
    private WordNode? Element(WordKind kind, bool inParagraph)
    {
        if (kind == WordKind.Text) return TextElement();
        if (kind == WordKind.Picture) return PictureElement();
        var r = _reader;
        List<WordNode>? children = null;
        object? properties = null;
        if (!r.IsEmptyElement) properties = Content(kind, inParagraph || kind == WordKind.Paragraph, ref children);
        else r.Read();
        if (children is null && properties is null && IsTransparent(kind)) return null;
        return new WordNode(kind) { Children = children, Properties = properties };
    }

    private static bool IsTransparent(WordKind kind) => kind is WordKind.Other or WordKind.Wrapper or WordKind.SmartTag or WordKind.Hidden;

    /// <summary>
    /// Reads the children of the element the reader is on into <paramref name="children"/>, splicing
    /// in the content of pass-through elements inside a paragraph; returns the element's folded properties.
    /// </summary>
    private object? Content(WordKind kind, bool inParagraph, ref List<WordNode>? children)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var r = _reader;
        object? properties = null;
        var sawProperties = false;
        r.Read();
        while (r.NodeType != XmlNodeType.EndElement)
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                if (!r.Read()) break;
                continue;
            }
            var name = r.LocalName;
            // Word reads the first properties element of a paragraph, row or cell; any other is skipped.
            if (kind == WordKind.Paragraph && ReferenceEquals(name, _pPr) && !sawProperties)
            {
                sawProperties = true;
                properties = ReadParagraphNumbering();
            }
            else if (kind == WordKind.Row && ReferenceEquals(name, _trPr) && !sawProperties)
            {
                sawProperties = true;
                properties = ReadRowGrid();
            }
            else if (kind == WordKind.Cell && ReferenceEquals(name, _tcPr) && !sawProperties)
            {
                sawProperties = true;
                properties = ReadCellGrid();
            }
            else if (KindOf(name) is not { } childKind)
            {
                r.Skip();
            }
            else if (inParagraph && childKind is WordKind.Other or WordKind.Wrapper or WordKind.SmartTag)
            {
                // Runs, hyperlinks, fields, drawings: the walker reads straight through them in a paragraph.
                if (r.IsEmptyElement) r.Read();
                else Content(childKind, inParagraph, ref children);
            }
            else if (Element(childKind, inParagraph) is { } child)
            {
                (children ??= []).Add(child);
            }
        }
        r.Read();
        return properties;
    }

    /// <summary>The kind of an element by local name; null for subtrees that hold nothing the walker reads.</summary>
    private WordKind? KindOf(string name)
    {
        // Ordered by how often the elements occur in a typical report.
        if (ReferenceEquals(name, _rPr)) return null;
        if (ReferenceEquals(name, _t)) return WordKind.Text;
        if (ReferenceEquals(name, _p)) return WordKind.Paragraph;
        if (ReferenceEquals(name, _tc)) return WordKind.Cell;
        if (ReferenceEquals(name, _tr)) return WordKind.Row;
        if (ReferenceEquals(name, _tbl)) return WordKind.Table;
        if (ReferenceEquals(name, _pPr) || ReferenceEquals(name, _tcPr) || ReferenceEquals(name, _trPr) || ReferenceEquals(name, _tblPr)
            || ReferenceEquals(name, _tblGrid) || ReferenceEquals(name, _sectPr) || ReferenceEquals(name, _tblPrEx)
            || ReferenceEquals(name, _delText) || ReferenceEquals(name, _instrText) || ReferenceEquals(name, _delInstrText)) return null;
        if (ReferenceEquals(name, _tab) || ReferenceEquals(name, _ptab)) return WordKind.Tab;
        if (ReferenceEquals(name, _br) || ReferenceEquals(name, _cr)) return WordKind.Break;
        if (ReferenceEquals(name, _noBreakHyphen)) return WordKind.NoBreakHyphen;
        if (ReferenceEquals(name, _sdt) || ReferenceEquals(name, _sdtContent) || ReferenceEquals(name, _customXml)
            || ReferenceEquals(name, _ins) || ReferenceEquals(name, _moveTo)) return WordKind.Wrapper;
        if (ReferenceEquals(name, _smartTag)) return WordKind.SmartTag;
        if (ReferenceEquals(name, _del) || ReferenceEquals(name, _moveFrom) || ReferenceEquals(name, _fallback)) return WordKind.Hidden;
        if (ReferenceEquals(name, _blip)) return WordKind.Picture;
        return WordKind.Other;
    }

    /// <summary>An a:blip: the relationship id of the picture's image part (r:embed), its content skipped.</summary>
    private WordNode? PictureElement()
    {
        var r = _reader;
        string? id = null;
        if (r.MoveToFirstAttribute())
        {
            do
            {
                if (ReferenceEquals(r.LocalName, _embed)) id = r.Value;
            } while (r.MoveToNextAttribute());
            r.MoveToElement();
        }
        r.Skip();
        return id is { Length: > 0 } ? new WordNode(WordKind.Picture) { Text = id } : null;
    }

    private WordNode TextElement()
    {
        var r = _reader;
        if (r.IsEmptyElement)
        {
            r.Read();
            return new WordNode(WordKind.Text);
        }
        var depth = r.Depth;
        r.Read();
        string? first = null;
        StringBuilder? more = null;
        // All character data under the element, as XElement.Value gives it.
        while (!(r.Depth == depth && r.NodeType == XmlNodeType.EndElement) && !r.EOF)
        {
            if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (first is null) first = r.Value;
                else (more ??= new StringBuilder(first)).Append(r.Value);
            }
            r.Read();
        }
        r.Read();
        return new WordNode(WordKind.Text) { Text = more?.ToString() ?? first ?? "" };
    }

    private ParagraphNumbering? ReadParagraphNumbering()
    {
        string? numId = null, numLevel = null, style = null;
        bool sawNumbering = false, sawStyle = false;
        foreach (var name in ChildElements())
        {
            if (ReferenceEquals(name, _numPr) && !sawNumbering)
            {
                sawNumbering = true;
                bool sawId = false, sawLevel = false;
                foreach (var inner in ChildElements())
                {
                    if (ReferenceEquals(inner, _numId) && !sawId) { sawId = true; numId = Val(); }
                    else if (ReferenceEquals(inner, _ilvl) && !sawLevel) { sawLevel = true; numLevel = Val(); }
                    else _reader.Skip();
                }
            }
            else if (ReferenceEquals(name, _pStyle) && !sawStyle) { sawStyle = true; style = Val(); }
            else _reader.Skip();
        }
        return numId is null && numLevel is null && style is null ? null : new ParagraphNumbering(numId, numLevel, style);
    }

    private RowGrid? ReadRowGrid()
    {
        string? gridBefore = null;
        var saw = false;
        foreach (var name in ChildElements())
        {
            if (ReferenceEquals(name, _gridBefore) && !saw) { saw = true; gridBefore = Val(); }
            else _reader.Skip();
        }
        return gridBefore is null ? null : new RowGrid(gridBefore);
    }

    private CellGrid? ReadCellGrid()
    {
        string? span = null, vMerge = null, hMerge = null;
        bool sawSpan = false, hasVMerge = false, hasHMerge = false;
        foreach (var name in ChildElements())
        {
            if (ReferenceEquals(name, _gridSpan) && !sawSpan) { sawSpan = true; span = Val(); }
            else if (ReferenceEquals(name, _vMerge) && !hasVMerge) { hasVMerge = true; vMerge = Val(); }
            else if (ReferenceEquals(name, _hMerge) && !hasHMerge) { hasHMerge = true; hMerge = Val(); }
            else _reader.Skip();
        }
        return span is null && !hasVMerge && !hasHMerge ? null : new CellGrid(span, hasVMerge, vMerge, hasHMerge, hMerge);
    }

    /// <summary>
    /// The local names of the child elements of the element the reader is on, leaving the reader on
    /// each child; the caller consumes each one (<see cref="Val"/> or Skip). Ends after the element.
    /// </summary>
    private IEnumerable<string> ChildElements()
    {
        var r = _reader;
        if (r.IsEmptyElement)
        {
            r.Read();
            yield break;
        }
        r.Read();
        while (r.NodeType != XmlNodeType.EndElement && !r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element) yield return r.LocalName;
            else r.Read();
        }
        r.Read();
    }

    /// <summary>The element's val attribute (in any namespace), consuming the element.</summary>
    private string? Val()
    {
        var r = _reader;
        string? value = null;
        if (r.MoveToFirstAttribute())
        {
            do
            {
                if (ReferenceEquals(r.LocalName, _val)) { value = r.Value; break; }
            }
            while (r.MoveToNextAttribute());
            r.MoveToElement();
        }
        r.Skip();
        return value;
    }
}
