using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Domain.Contract;

namespace Nianbao.Export.Writers;

/// <summary>
/// JSON Lines: one lossless record per line — the data contract's JSON of the report (provenance,
/// findings and all), preceded by the store's report id and the agency's id and placement. The
/// contract allows added fields, so each line also reads back as a report.
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
            foreach (var property in report.RootElement.EnumerateObject()) property.WriteTo(line);
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
