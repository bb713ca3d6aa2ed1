using Nianbao.Documents.Inputs;
using Nianbao.Documents.Model;
using Nianbao.Documents.Text;

namespace Nianbao.Documents;

/// <summary>
/// The registered format readers, asked in order; the first that recognises the bytes reads them.
/// Adding a source format means writing one <see cref="IDocumentReader"/> and listing it here.
/// Every entry point takes <see cref="ReadLimits"/> and a cancellation token and throws only
/// <see cref="DocumentReadException"/> (or <see cref="OperationCanceledException"/> when the caller cancels).
/// </summary>
public sealed class DocumentReaders
{
    private readonly IReadOnlyList<IDocumentReader> _readers;

    public DocumentReaders(IEnumerable<IDocumentReader> readers) => _readers = readers.ToList();

    /// <summary>Binary formats first (they are recognised by magic bytes), plain text last; OCR of scans on (<see cref="Ocr.OcrMode.Auto"/>).</summary>
    public static DocumentReaders Default { get; } = With(Office.LibreOfficeConverter.Default);

    /// <summary>The standard readers, converting legacy Office files with <paramref name="office"/>.</summary>
    public static DocumentReaders With(Office.LibreOfficeConverter office) => With(office, new Ocr.OcrOptions());

    /// <summary>The standard readers with OCR as <paramref name="ocr"/> says (PDF scans, image files).</summary>
    public static DocumentReaders With(Ocr.OcrOptions ocr) => With(Office.LibreOfficeConverter.Default, ocr);

    public static DocumentReaders With(Office.LibreOfficeConverter office, Ocr.OcrOptions ocr) => new([
        new Pdf.PdfDocumentReader(ocr),
        new Ocr.ImageDocumentReader(ocr),
        new Docx.DocxReader(office, ocr),
        new Spreadsheet.SpreadsheetReader(),
        new Html.HtmlReader(),
        new PlainTextReader(),
    ]);

    public IReadOnlyList<IDocumentReader> Readers => _readers;

    public SourceDocument Read(byte[] bytes, string fileName) => Read(bytes, fileName, ReadLimits.Default, CancellationToken.None);

    public SourceDocument Read(byte[] bytes, string fileName, ReadLimits limits, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (bytes.Length == 0) throw new DocumentReadException(fileName, ReadFailure.Empty, "文件是空的", "the file is empty");
        if (bytes.Length > limits.MaxFileBytes) throw TooBig(fileName, bytes.Length, limits);
        foreach (var reader in _readers)
        {
            bool claims;
            try { claims = reader.CanRead(bytes, fileName); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A sniffer is a library call too: a file that upsets it is simply not of its format.
                claims = false;
            }
            if (!claims) continue;
            return Limits.ReadGuard.Run(fileName, reader.Format, cancellation, limits, token => reader.Read(bytes, fileName, limits, token));
        }
        throw new DocumentReadException(fileName, ReadFailure.Unsupported,
            "不是年报能读取的格式（文本、Markdown、HTML、PDF、DOCX、XLSX、PNG/JPEG/TIFF 图片）",
            "not a format Nianbao reads (text, Markdown, HTML, PDF, DOCX, XLSX, PNG/JPEG/TIFF images)");
    }

    public SourceDocument ReadFile(string path) => ReadFile(path, ReadLimits.Default, CancellationToken.None);

    /// <summary>Reads a file; the message of any failure names it by <see cref="Path.GetFileName(string)"/>.</summary>
    public SourceDocument ReadFile(string path, ReadLimits limits, CancellationToken cancellation)
    {
        var bytes = ReadBytes(path, limits, cancellation);
        var name = Path.GetFileName(path);
        try { return Read(bytes, name, limits, cancellation); }
        catch (DocumentReadException ex) when (ex.FileName == name) { throw ex.WithFileName(path); }
    }

    public static byte[] ReadBytes(string path) => ReadBytes(path, ReadLimits.Default, CancellationToken.None);

    /// <summary>
    /// A file's bytes, or a <see cref="DocumentReadException"/> that names it. Only a regular file is
    /// opened (a FIFO would block, a device never end), and never more than
    /// <see cref="ReadLimits.MaxFileBytes"/> is read, also when the file grows while it is read.
    /// </summary>
    public static byte[] ReadBytes(string path, ReadLimits limits, CancellationToken cancellation)
    {
        var status = FileStatus.Of(path);
        if (status.Kind == FileKind.Missing) throw InputWalker.Missing(path);
        if (status.Kind == FileKind.Directory)
            throw new DocumentReadException(path, ReadFailure.NotAFile, "是文件夹，不是文件", "a folder, not a file");
        if (status.Kind != FileKind.Regular) throw InputWalker.NotRegular(path, status.Kind);
        if (status.Size > limits.MaxFileBytes) throw TooBig(path, status.Size, limits);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var length = stream.Length;
            if (length > limits.MaxFileBytes) throw TooBig(path, length, limits);
            var buffer = new byte[length];
            var read = 0;
            while (read < buffer.Length)
            {
                cancellation.ThrowIfCancellationRequested();
                var n = stream.Read(buffer, read, Math.Min(buffer.Length - read, 1 << 20));
                if (n == 0) break;
                read += n;
            }
            // A file that shrank while it was read is read as it now is; one that grew is read as it was.
            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentReadException(path, ReadFailure.NotAFile, "无法打开（没有读取权限或已被移走）", "it cannot be opened (no permission to read it, or it was moved)", ex);
        }
    }

    private static DocumentReadException TooBig(string fileName, long size, ReadLimits limits) =>
        new(fileName, ReadFailure.TooLarge,
            $"文件过大：{Mib(size)}，上限 {Mib(limits.MaxFileBytes)}",
            $"too large: {Mib(size)} (the limit is {Mib(limits.MaxFileBytes)})");

    internal static string Mib(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MB" : $"{bytes} bytes";
}
