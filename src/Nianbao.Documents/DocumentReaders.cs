using Nianbao.Documents.Model;
using Nianbao.Documents.Text;

namespace Nianbao.Documents;

/// <summary>
/// The registered format readers, asked in order; the first that recognises the bytes reads them.
/// Adding a source format means writing one <see cref="IDocumentReader"/> and listing it here.
/// </summary>
public sealed class DocumentReaders
{
    private readonly IReadOnlyList<IDocumentReader> _readers;

    public DocumentReaders(IEnumerable<IDocumentReader> readers) => _readers = readers.ToList();

    /// <summary>Binary formats first (they are recognised by magic bytes), plain text last; OCR of scans on (<see cref="Ocr.OcrMode.Auto"/>).</summary>
    public static DocumentReaders Default { get; } = With(new Ocr.OcrOptions());

    /// <summary>The registered readers with OCR as <paramref name="ocr"/> says (PDF scans, image files).</summary>
    public static DocumentReaders With(Ocr.OcrOptions ocr) => new([
        new Pdf.PdfDocumentReader(ocr),
        new Ocr.ImageDocumentReader(ocr),
        new Docx.DocxReader(),
        new Spreadsheet.SpreadsheetReader(),
        new Html.HtmlReader(),
        new PlainTextReader(),
    ]);

    public IReadOnlyList<IDocumentReader> Readers => _readers;

    public SourceDocument Read(byte[] bytes, string fileName)
    {
        if (bytes.Length == 0) throw new DocumentReadException(fileName, "is empty.");
        foreach (var reader in _readers)
        {
            if (!reader.CanRead(bytes, fileName)) continue;
            try
            {
                return reader.Read(bytes, fileName);
            }
            catch (DocumentReadException) { throw; }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new DocumentReadException(fileName, $"could not be read as {reader.Format.ToContractName()}: {ex.Message}", ex);
            }
        }
        throw new DocumentReadException(fileName, "is not a format Nianbao reads (text, Markdown, HTML, PDF, DOCX, XLSX, PNG/JPEG/TIFF images).");
    }

    public SourceDocument ReadFile(string path) => Read(ReadBytes(path), Path.GetFileName(path));

    /// <summary>A file's bytes, or a <see cref="DocumentReadException"/> that names it.</summary>
    public static byte[] ReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentReadException(path, $"cannot be opened: {ex.Message}", ex);
        }
    }
}
