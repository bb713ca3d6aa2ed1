using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Domain.Contract;

namespace Nianbao.Export.Writers;

/// <summary>
/// JSON Lines: one object per line — the store's report id, the agency's id and placement, and under
/// <c>record</c> the lossless record exactly as the contract writes it (provenance, findings and
/// all), so that <c>record</c> reads back as the same report. The record reader refuses keys it does
/// not know, which is why the placement stands beside the record rather than inside it.
/// </summary>
internal static class JsonLinesExport
{
    private static readonly JsonWriterOptions Compact = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Write(IEnumerable<ExportRow> rows, Stream output)
    {
        var count = 0;
        var buffer = new ArrayBufferWriter<byte>();
        using var line = new Utf8JsonWriter(output, Compact);
        foreach (var row in rows)
        {
            buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(buffer, Compact)) ReportJson.Write(w, row.Report);
            using var report = JsonDocument.Parse(buffer.WrittenMemory);
            // Written again through the line's writer so the line stays one compact line.
            line.Reset(output);
            line.WriteStartObject();
            if (row.ReportId is null) line.WriteNull("reportId"); else line.WriteString("reportId", row.ReportId);
            if (row.Agency is { } agency)
            {
                line.WriteStartObject("archiveAgency");
                line.WriteString("id", agency.Id);
                line.WriteString("name", agency.Name);
                WriteNullable(line, "regionCode", agency.Placement?.RegionCode);
                WriteNullable(line, "regionName", agency.Placement?.RegionName);
                WriteNullable(line, "level", agency.Placement?.Level);
                WriteNullable(line, "kind", agency.Placement?.Kind);
                line.WriteEndObject();
            }
            else line.WriteNull("archiveAgency");
            line.WritePropertyName("record");
            report.RootElement.WriteTo(line);
            line.WriteEndObject();
            line.Flush();
            output.WriteByte((byte)'\n');
            count++;
        }
        return count;
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
