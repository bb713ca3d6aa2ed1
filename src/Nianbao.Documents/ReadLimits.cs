namespace Nianbao.Documents;

/// <summary>
/// How much one input may cost a reader. Every limit is a property with a documented default
/// (docs/reliability.md); a file that goes past one is refused as a whole with a "too large" or
/// "malformed" <see cref="DocumentReadException"/> — a reader never returns part of such a file.
/// The defaults are far above any real annual report (a few MB, a few hundred table cells) and far
/// below what would exhaust a 1 GB process; raise them with <c>with { … }</c>.
/// </summary>
public sealed record ReadLimits
{
    public static ReadLimits Default { get; } = new();

    // ---- every format ----

    /// <summary>Bytes of one input file, checked before the file is read. Default 128 MiB.</summary>
    public long MaxFileBytes { get; init; } = 128L << 20;

    /// <summary>Characters of text one file may yield (after decoding or extraction). Default 16 million.</summary>
    public int MaxTextChars { get; init; } = 16_000_000;

    /// <summary>Characters in one line (a paragraph, or a table row's cells together). Default 200,000.</summary>
    public int MaxLineChars { get; init; } = 200_000;

    /// <summary>Wall-clock time one file may take to read; past it the file "took too long". Default 60 s.</summary>
    public TimeSpan MaxReadTime { get; init; } = TimeSpan.FromSeconds(60);

    // ---- ZIP containers (DOCX, XLSX) ----

    /// <summary>Decompressed bytes of one container entry (one XML part). Default 128 MiB.</summary>
    public long MaxEntryBytes { get; init; } = 128L << 20;

    /// <summary>Decompressed bytes of all entries of one container. Default 256 MiB.</summary>
    public long MaxContainerBytes { get; init; } = 256L << 20;

    /// <summary>Decompressed ÷ compressed size of one entry, once it is past 1 MiB. Default 500.</summary>
    public int MaxCompressionRatio { get; init; } = 500;

    /// <summary>Entries in one container. Default 10,000.</summary>
    public int MaxContainerEntries { get; init; } = 10_000;

    /// <summary>XML elements in all the parts of one container. Default 2 million.</summary>
    public int MaxXmlElements { get; init; } = 2_000_000;

    /// <summary>Nesting depth of XML elements. Default 256.</summary>
    public int MaxXmlDepth { get; init; } = 256;

    // ---- tables (every structured format) ----

    /// <summary>
    /// Slots of one table's grid after spans and merges are laid out — spans are clipped to the
    /// table's used range first, so a merge "A1:XFD1048576" costs only the cells the sheet uses. Default 1 million.
    /// </summary>
    public int MaxTableCells { get; init; } = 1_000_000;

    /// <summary>Columns of a Word table's grid (Word itself stops at 63): a gridSpan or gridBefore past it is malformed. Default 1,000.</summary>
    public int MaxTableColumns { get; init; } = 1_000;

    /// <summary>Merged ranges declared on one sheet. Default 100,000.</summary>
    public int MaxMerges { get; init; } = 100_000;

    // ---- HTML ----

    /// <summary>Nesting depth of HTML elements. Default 512.</summary>
    public int MaxHtmlDepth { get; init; } = 512;

    /// <summary>HTML elements in one page. Default 1 million.</summary>
    public int MaxHtmlElements { get; init; } = 1_000_000;

    /// <summary>Cells (td/th) in one HTML page. Default 200,000.</summary>
    public int MaxHtmlCells { get; init; } = 200_000;

    // ---- PDF ----

    /// <summary>Pages of one PDF. Default 2,000.</summary>
    public int MaxPdfPages { get; init; } = 2_000;

    /// <summary>Times one page object may be listed in the page tree. Default 1 (each page once).</summary>
    public int MaxPageRepeats { get; init; } = 1;

    /// <summary>Decoded (inflated) bytes of one PDF stream. Default 128 MiB.</summary>
    public long MaxDecodedStreamBytes { get; init; } = 128L << 20;

    /// <summary>Decoded bytes of all compressed streams of one PDF. Default 512 MiB.</summary>
    public long MaxDecodedTotalBytes { get; init; } = 512L << 20;

    /// <summary>Content-stream operators on one page. Default 2 million.</summary>
    public int MaxOperatorsPerPage { get; init; } = 2_000_000;
}
