using System.Text;
using System.Text.Json;
using Nianbao.Documents;
using Nianbao.Domain;
using Nianbao.Domain.Contract;

namespace Nianbao.Recognition;

/// <summary>
/// A report already in the data contract's JSON (an author's filled-in report, or an earlier
/// parse) is read as it is, not recognized as text.
/// </summary>
public static class ContractJsonInput
{
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
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (!doc.RootElement.TryGetProperty("template", out _) && !doc.RootElement.TryGetProperty("schemaVersion", out _)) return null;
            var report = ReportJson.Read(doc.RootElement);
            report.Source ??= new SourceInfo(fileName, Nianbao.Documents.Model.DocumentBuilder.Hash(bytes), "json");
            return report;
        }
        catch (JsonException ex)
        {
            // Where, not the parser's wording: the message is for the person who typed the file.
            var line = ex.LineNumber is { } n ? n + 1 : (long?)null;
            throw new DocumentReadException(fileName, ReadFailure.Malformed,
                line is null ? "看起来是 JSON，但格式不正确" : $"看起来是 JSON，但第 {line} 行格式不正确",
                line is null ? "malformed: it looks like JSON but is not valid JSON" : $"malformed: it looks like JSON but is not valid at line {line}", ex);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException)
        {
            throw new DocumentReadException(fileName, ReadFailure.Malformed,
                "是 JSON，但不是年报数据格式（data contract）：有字段的类型或取值不对",
                "malformed: it is JSON but not a Nianbao report (data contract): a field has the wrong type or an impossible value", ex);
        }
    }
}
