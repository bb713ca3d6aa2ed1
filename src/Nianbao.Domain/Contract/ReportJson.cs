using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Domain.Contract;

/// <summary>
/// The JSON of the data contract. Written by hand rather than by reflection so that the names,
/// the order and the nulls are exactly the contract's, whatever the C# model looks like.
/// </summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Chinese stays readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Report report) => Serialize([report], single: true);

    public static string Serialize(IReadOnlyList<Report> reports, bool single = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            if (single && reports.Count == 1) Write(writer, reports[0]);
            else
            {
                writer.WriteStartArray();
                foreach (var r in reports) Write(writer, r);
                writer.WriteEndArray();
            }
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, Report r)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", r.SchemaVersion);
        if (r.Source is { } s)
        {
            w.WriteStartObject("source");
            w.WriteString("fileName", s.FileName);
            w.WriteString("sha256", s.Sha256);
            w.WriteString("format", s.Format);
            if (s.Encoding is not null) w.WriteString("encoding", s.Encoding);
            w.WriteEndObject();
        }
        WriteNullable(w, "agency", r.Agency);
        if (r.Year is { } y) w.WriteNumber("year", y); else w.WriteNull("year");
        if (r.PublishedOn is { } d) w.WriteString("publishedOn", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else w.WriteNull("publishedOn");
        w.WriteString("template", r.Template.ToContractName());
        w.WriteStartArray("sections");
        foreach (var sec in r.Sections)
        {
            w.WriteStartObject();
            w.WriteNumber("number", sec.Number);
            w.WriteString("title", sec.Title);
            w.WriteString("text", sec.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        foreach (var kind in Enum.GetValues<TableKind>())
        {
            var table = r.Table(kind);
            if (table is null) { w.WriteNull(kind.ToContractName()); continue; }
            w.WriteStartObject(kind.ToContractName());
            foreach (var row in table.Schema.Rows)
            {
                w.WriteStartObject(row.Key);
                foreach (var f in row.Fields)
                {
                    var v = table[row.Key, f.Key];
                    if (v is { } num) w.WriteNumber(f.Key, num); else w.WriteNull(f.Key);
                    if (f.UnitKey is { } unitKey) WriteNullable(w, unitKey, table.UnitOf(row.Key, f.Key));
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteStartArray("findings");
        foreach (var f in r.Findings)
        {
            w.WriteStartObject();
            w.WriteString("rule", f.Rule);
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            w.WriteString("message", f.Message);
            w.WriteStartArray("cells");
            foreach (var c in f.Cells) w.WriteStringValue(c.ToString());
            w.WriteEndArray();
            if (f.Candidates is { } cands)
            {
                w.WriteStartArray("candidates");
                foreach (var c in cands) w.WriteStringValue(c);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("provenance");
        foreach (var (path, src) in r.Provenance.OrderBy(p => p.Value.Start))
        {
            w.WriteStartObject(path.ToString());
            w.WriteNumber("start", src.Start);
            w.WriteNumber("length", src.Length);
            w.WriteString("text", src.Text);
            w.WriteString("confidence", JsonNamingPolicy.CamelCase.ConvertName(src.Confidence.ToString()));
            if (src.OcrConfidence is { } oc) w.WriteNumber("ocrConfidence", Math.Round(oc, 3));
            if (src.Box is { } b)
            {
                w.WriteNumber("page", b.Page);
                w.WriteStartArray("box");
                w.WriteNumberValue(Math.Round(b.Left, 1)); w.WriteNumberValue(Math.Round(b.Bottom, 1));
                w.WriteNumberValue(Math.Round(b.Right, 1)); w.WriteNumberValue(Math.Round(b.Top, 1));
                w.WriteEndArray();
            }
            if (src.Table is { } t) w.WriteNumber("table", t);
            if (src.Row is { } rr) w.WriteNumber("row", rr);
            if (src.Column is { } cc) w.WriteNumber("column", cc);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    /// <summary>Reads one report (or the first of an array) from contract JSON.</summary>
    public static Report Deserialize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[0] : doc.RootElement;
        return Read(root);
    }

    public static IReadOnlyList<Report> DeserializeMany(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(Read).ToList()
            : [Read(doc.RootElement)];
    }

    public static Report Read(JsonElement e)
    {
        var template = ReportTemplateNames.FromContractName(Str(e, "template"));
        var schema = TemplateSchema.For(template);
        var report = new Report
        {
            SchemaVersion = e.TryGetProperty("schemaVersion", out var sv) && sv.ValueKind == JsonValueKind.Number ? sv.GetInt32() : Report.CurrentSchemaVersion,
            Agency = Str(e, "agency"),
            Year = e.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
            PublishedOn = Str(e, "publishedOn") is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            Template = template,
        };
        if (e.TryGetProperty("source", out var src) && src.ValueKind == JsonValueKind.Object)
            report.Source = new SourceInfo(Str(src, "fileName") ?? "", Str(src, "sha256") ?? "", Str(src, "format") ?? "", Str(src, "encoding"));
        if (e.TryGetProperty("sections", out var secs) && secs.ValueKind == JsonValueKind.Array)
            foreach (var s in secs.EnumerateArray())
                report.Sections.Add(new Section(s.GetProperty("number").GetInt32(), Str(s, "title") ?? "", Str(s, "text") ?? ""));
        if (schema is not null)
        {
            foreach (var tableSchema in schema.Tables)
            {
                var name = tableSchema.Kind.ToContractName();
                if (!e.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object) continue;
                var values = new TableValues(LayoutOf(tableSchema, t));
                foreach (var row in values.Schema.Rows)
                {
                    if (!t.TryGetProperty(row.Key, out var rowEl) || rowEl.ValueKind != JsonValueKind.Object) continue;
                    foreach (var f in row.Fields)
                    {
                        if (rowEl.TryGetProperty(f.Key, out var v) && v.ValueKind == JsonValueKind.Number)
                            values[row.Key, f.Key] = v.GetDecimal();
                        if (f.UnitKey is { } unitKey && Str(rowEl, unitKey) is { Length: > 0 } unit)
                            values.SetUnit(row.Key, f.Key, unit);
                    }
                }
                switch (tableSchema.Kind)
                {
                    case TableKind.ActiveDisclosure: report.ActiveDisclosure = values; break;
                    case TableKind.Applications: report.Applications = values; break;
                    default: report.ReviewsAndLawsuits = values; break;
                }
            }
        }
        if (e.TryGetProperty("findings", out var fs) && fs.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in fs.EnumerateArray())
            {
                var cells = f.TryGetProperty("cells", out var cs) && cs.ValueKind == JsonValueKind.Array
                    ? cs.EnumerateArray().Select(c => c.GetString()).Where(c => c is not null && CellPath.TryParse(c, out _)).Select(c => CellPath.Parse(c!)).ToList()
                    : new List<CellPath>();
                var severity = Enum.TryParse<Severity>(Str(f, "severity"), true, out var sev) ? sev : Severity.Info;
                report.Findings.Add(new Finding(Str(f, "rule") ?? "", severity, Str(f, "message") ?? "", cells));
            }
        }
        return report;
    }

    /// <summary>
    /// A 2021 report that printed （六）其他处理 as one row carries <c>otherHandling</c>: its table 三 has
    /// the 2019 layout, and reading it with the 2021 rows would silently drop that row.
    /// </summary>
    private static TableSchema LayoutOf(TableSchema schema, JsonElement table) =>
        schema.Kind == TableKind.Applications && schema.Row(ApplicationRows.OtherHandling) is null
            && table.TryGetProperty(ApplicationRows.OtherHandling, out _) && !table.TryGetProperty("otherNoCorrection", out _)
            ? TemplateSchema.Format2019.Applications
            : schema;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
