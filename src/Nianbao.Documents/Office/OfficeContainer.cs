using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Nianbao.Documents.Office;

/// <summary>What an Office-like file is inside, told from its content rather than its name.</summary>
public enum OfficeKind
{
    None,
    /// <summary>A ZIP with <c>word/document.xml</c> (DOCX, DOCM, DOTX; WPS saves these too).</summary>
    WordZip,
    /// <summary>A ZIP with <c>xl/workbook.xml</c> (XLSX, XLSM).</summary>
    ExcelZip,
    /// <summary>A readable ZIP that is neither.</summary>
    OtherZip,
    /// <summary>A file that starts like a ZIP but whose directory cannot be read (damaged or truncated).</summary>
    CorruptZip,
    /// <summary>An OLE compound file with a <c>WordDocument</c> stream (.doc, Kingsoft .wps).</summary>
    OleWord,
    /// <summary>An OLE compound file with a <c>Workbook</c> or <c>Book</c> stream (.xls, Kingsoft .et).</summary>
    OleExcel,
    /// <summary>A password-protected DOCX/XLSX: an OLE compound file holding an EncryptedPackage stream.</summary>
    OleEncrypted,
    /// <summary>An OLE compound file without either stream, or one too damaged to tell.</summary>
    OleOther,
}

public static class OfficeContainer
{
    public static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    public static ReadOnlySpan<byte> OleMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static OfficeKind Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(ZipMagic) || bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06])) return SniffZip(bytes);
        if (bytes.StartsWith(OleMagic)) return SniffOle(bytes);
        return OfficeKind.None;
    }

    private static OfficeKind SniffZip(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/').TrimStart('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("word/document.xml")) return OfficeKind.WordZip;
            if (names.Contains("xl/workbook.xml")) return OfficeKind.ExcelZip;
            // The package may name its main part differently: [Content_Types].xml says which it is.
            if (zip.GetEntry("[Content_Types].xml") is { } types)
            {
                using var reader = new StreamReader(types.Open());
                var content = reader.ReadToEnd();
                if (content.Contains("wordprocessingml.document.main", StringComparison.Ordinal)) return OfficeKind.WordZip;
                if (content.Contains("spreadsheetml.sheet.main", StringComparison.Ordinal)) return OfficeKind.ExcelZip;
            }
            return OfficeKind.OtherZip;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            return OfficeKind.CorruptZip;
        }
    }

    /// <summary>
    /// Looks for the directory entries of the telling streams. Directory entries are 128-byte records
    /// aligned to 128 bytes after the 512-byte header (sectors are 512 or 4096 bytes), holding the name in
    /// UTF-16, its byte length with the terminator, and the object type (2 = stream). Scanning the
    /// aligned records avoids following the FAT chain, so a file whose tail is damaged still tells.
    /// </summary>
    private static OfficeKind SniffOle(ReadOnlySpan<byte> bytes)
    {
        var word = false;
        var excel = false;
        var encrypted = false;
        for (var at = 512; at + 128 <= bytes.Length; at += 128)
        {
            var entry = bytes.Slice(at, 128);
            if (entry[66] != 2) continue;
            var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
            if (nameBytes is < 4 or > 64 || nameBytes % 2 != 0) continue;
            var name = Encoding.Unicode.GetString(entry[..(nameBytes - 2)]);
            if (name == "WordDocument") word = true;
            else if (name is "Workbook" or "Book" or "WORKBOOK" or "BOOK") excel = true;
            else if (name == "EncryptedPackage") encrypted = true;
        }
        return word ? OfficeKind.OleWord : excel ? OfficeKind.OleExcel : encrypted ? OfficeKind.OleEncrypted : OfficeKind.OleOther;
    }
}
