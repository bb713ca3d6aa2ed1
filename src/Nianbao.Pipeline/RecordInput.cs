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
        if (i < span.Length && span[i] == (byte)'[') { RefuseBatchOfRecords(span, fileName); return null; }
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

    /// <summary>
    /// What <c>parse --json</c> writes for several files — an array of records — is not one report:
    /// read as text it would give a report made of JSON punctuation. It is refused with what it is and
    /// what to do, so it is never checked as something it is not. Any other array is left to the readers.
    /// </summary>
    private static void RefuseBatchOfRecords(ReadOnlySpan<byte> json, string fileName)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            if (doc.RootElement.GetArrayLength() == 0) return;
            var first = doc.RootElement[0];
            if (first.ValueKind != JsonValueKind.Object || (!first.TryGetProperty("template", out _) && !first.TryGetProperty("schemaVersion", out _))) return;
            var count = doc.RootElement.GetArrayLength();
            throw new DocumentReadException(fileName, ReadFailure.Unsupported,
                $"这是 {count} 份年报记录组成的数组（parse --json 一次读多个文件时的输出），不是一份报告；请把每份记录存为单独的 JSON 文件再检查",
                $"an array of {count} report records (what parse --json writes for several files), not one report; give each record a JSON file of its own");
        }
        catch (JsonException) { }
    }
}
