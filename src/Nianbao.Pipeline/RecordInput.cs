using System.Text;
using System.Text.Json;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Domain.Contract;

namespace Nianbao.Pipeline;

/// <summary>
/// A report already in the data contract's JSON (an author's filled-in report, or an earlier parse)
/// is read as the record it is, not recognized as text: its numbers, reading notes and provenance
/// are kept as written. A JSON object that names neither a template nor a schema version is not a
/// record and is left to the document readers.
/// </summary>
internal static class RecordInput
{
    /// <summary>The record, or null when the bytes are not a report record. Throws <see cref="DocumentReadException"/> (inner <see cref="ReportRecordException"/> naming the field) for a record that is wrong.</summary>
    public static Report? TryRead(byte[] bytes, string fileName)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        if (i >= span.Length || span[i] != (byte)'{') return null;
        string text;
        try { text = new UTF8Encoding(false, true).GetString(span); }
        catch (DecoderFallbackException) { return null; }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException ex)
        {
            // Where, not the parser's wording: the message is for the person who typed the file.
            var line = ex.LineNumber is { } n ? n + 1 : (long?)null;
            throw new DocumentReadException(fileName, ReadFailure.Malformed,
                line is null ? "看起来是 JSON，但格式不正确" : $"看起来是 JSON，但第 {line} 行格式不正确",
                line is null ? "malformed: it looks like JSON but is not valid JSON" : $"malformed: it looks like JSON but is not valid at line {line}", ex);
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("template", out _) && !doc.RootElement.TryGetProperty("schemaVersion", out _)) return null;
            try
            {
                var report = ReportJson.Read(doc.RootElement);
                return report.Source is null ? report with { Source = new SourceInfo(fileName, DocumentBuilder.Hash(bytes), "json") } : report;
            }
            catch (ReportRecordException ex)
            {
                // The CLI can name the field from the inner exception; the message already does.
                throw new DocumentReadException(fileName, ReadFailure.Malformed,
                    ex.Field.Length == 0 ? $"年报记录（JSON）无法读取：{ex.Problem}" : $"年报记录（JSON）的字段 {ex.Field} 有误：{ex.Problem}",
                    $"a report record that cannot be read: {ex.Message}", ex);
            }
        }
    }
}
