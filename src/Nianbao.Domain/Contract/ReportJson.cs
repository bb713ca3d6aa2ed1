using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Domain.Contract;

/// <summary>How a record is written.</summary>
public sealed record ReportJsonOptions
{
    public static ReportJsonOptions Default { get; } = new();

    /// <summary>Write where each number stands in its source (on by default; analysts who want only the numbers turn it off).</summary>
    public bool Provenance { get; init; } = true;
}

/// <summary>
/// The JSON of the data contract: the lossless record of a report. Written by hand rather than by
/// reflection so that the names, the order and the nulls are exactly the contract's, whatever the
/// C# model looks like. What <see cref="Serialize(Report, ReportJsonOptions?)"/> writes,
/// <see cref="Deserialize"/> reads back into the same report — numbers, units, sections, reading
/// notes with their candidates, check findings, provenance and the version that read it — and
/// writing that again gives the same bytes. Reading is strict: anything it does not know is a
/// <see cref="ReportRecordException"/> naming the field.
/// </summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Chinese stays readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // One provenance entry per line: the same fields, a third of the bytes of one field per line.
    private static readonly JsonWriterOptions CompactOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The names written for every provenance entry and finding, encoded once: a batch writes
    // hundreds of them per report, and a string name is transcoded and checked for escaping each time.
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start"), LengthName = JsonEncodedText.Encode("length"),
        TextName = JsonEncodedText.Encode("text"), ConfidenceKey = JsonEncodedText.Encode("confidence"),
        OcrConfidenceName = JsonEncodedText.Encode("ocrConfidence"), PageName = JsonEncodedText.Encode("page"),
        BoxName = JsonEncodedText.Encode("box"), TableName = JsonEncodedText.Encode("table"), RowName = JsonEncodedText.Encode("row"),
        ColumnName = JsonEncodedText.Encode("column"), RuleName = JsonEncodedText.Encode("rule"), SeverityKey = JsonEncodedText.Encode("severity"),
        MessageName = JsonEncodedText.Encode("message"), CellsName = JsonEncodedText.Encode("cells"), CandidatesName = JsonEncodedText.Encode("candidates"),
        ArgsName = JsonEncodedText.Encode("args"), OriginName = JsonEncodedText.Encode("origin"),
        ReadingOrigin = JsonEncodedText.Encode("reading"), CheckOrigin = JsonEncodedText.Encode("check");

    private static readonly JsonEncodedText[] ConfidenceNames =
        Enum.GetValues<ReadingConfidence>().Select(c => JsonEncodedText.Encode(ConfidenceName(c))).ToArray();

    private static readonly string[] TopLevelKeys =
    [
        "schemaVersion", "source", "readBy", "agency", "year", "publishedOn", "template", "sections",
        "activeDisclosure", "applications", "reviewsAndLawsuits", "feeCollection", "findings", "provenance",
    ];

    /// <summary>The lowest and highest reporting year a record may state (the disclosure regulation dates from 2007).</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    public static string Serialize(Report report, ReportJsonOptions? options = null) =>
        WithThreadWriter(report, options, static bytes => Encoding.UTF8.GetString(bytes));

    /// <summary>Writes one report as UTF-8 JSON bytes (what <see cref="Serialize(Report, ReportJsonOptions?)"/> gives, encoded).</summary>
    public static byte[] SerializeToUtf8(Report report, ReportJsonOptions? options = null) =>
        WithThreadWriter(report, options, static bytes => bytes.ToArray());

    /// <summary>Writes one report as UTF-8 JSON bytes and hands them to <paramref name="finish"/> (valid only during the call).</summary>
    public static T SerializeToUtf8<T>(Report report, Finish<T> finish, ReportJsonOptions? options = null) => WithThreadWriter(report, options, finish);

    public delegate T Finish<T>(ReadOnlySpan<byte> json);

    private static T WithThreadWriter<T>(Report report, ReportJsonOptions? options, Finish<T> finish)
    {
        // One buffer and writer a thread, reused: an import serializes every report on its parse workers, and a
        // fresh 32 KB buffer (doubled to 64 KB for a long record) per report fed the garbage collector for nothing.
        var (buffer, writer) = t_writer ?? (new ArrayBufferWriter<byte>(32 * 1024), new Utf8JsonWriter(Stream.Null, WriterOptions));
        t_writer = null; // not reused while in use (a nested call gets its own)
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, report, options);
        writer.Flush();
        var json = finish(buffer.WrittenSpan);
        writer.Reset(Stream.Null);
        // A huge record's buffer is not kept for the rest of the thread's life.
        if (buffer.Capacity <= 1 << 20) t_writer = (buffer, writer);
        return json;
    }

    [ThreadStatic] private static (ArrayBufferWriter<byte>, Utf8JsonWriter)? t_writer;

    public static string Serialize(IReadOnlyList<Report> reports, bool single = false, ReportJsonOptions? options = null)
    {
        // A record is 20–40 KB: start there rather than doubling up from 256 bytes (an import serializes every report).
        var buffer = new ArrayBufferWriter<byte>(32 * 1024 * Math.Clamp(reports.Count, 1, 32));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (single && reports.Count == 1) Write(writer, reports[0], options);
            else
            {
                writer.WriteStartArray();
                foreach (var r in reports) Write(writer, r, options);
                writer.WriteEndArray();
            }
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A writer with the contract's settings (Chinese unescaped), for callers that stream many reports:
    /// indented for people, or compact — one report a line — for a batch a program will read.
    /// </summary>
    public static Utf8JsonWriter CreateWriter(Stream stream, bool indented = true) => new(stream, indented ? WriterOptions : CompactOptions);

    public static void Write(Utf8JsonWriter w, Report r, ReportJsonOptions? options = null)
    {
        options ??= ReportJsonOptions.Default;
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
        if (r.ReadBy is not null) w.WriteString("readBy", r.ReadBy);
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
        foreach (var kind in TableKinds.Statutory)
        {
            var table = r.Table(kind);
            if (table is null) { w.WriteNull(kind.ToContractName()); continue; }
            WriteTable(w, table);
        }
        // Optional: written only when the report prints the table, so records without it keep their bytes.
        if (r.FeeCollection is { } fee)
        {
            w.WriteStartObject("feeCollection");
            for (var i = 0; i < FeeCollection.Columns.Count; i++)
                if (fee.Values[i] is { } v) w.WriteNumber(FeeCollection.Columns[i].Key, v); else w.WriteNull(FeeCollection.Columns[i].Key);
            w.WriteEndObject();
        }
        w.WriteStartArray("findings");
        foreach (var f in r.ReadingNotes) WriteFinding(w, f, FindingOrigin.Reading);
        foreach (var f in r.CheckFindings) WriteFinding(w, f, FindingOrigin.Check);
        w.WriteEndArray();
        // A report without provenance (typed in, or read from a --no-provenance record) writes none, so
        // such a record reads back to the same bytes: absent and empty are the same report.
        if (options.Provenance && r.Provenance.Count > 0) WriteProvenance(w, r);
        w.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter w, TableValues table)
    {
        w.WriteStartObject(table.Kind.ToContractName());
        foreach (var row in table.Schema.Rows)
        {
            w.WriteStartObject(row.Key);
            var first = table.Schema.FirstSlotOf(row.Key);
            for (var i = 0; i < row.Fields.Count; i++)
            {
                var f = row.Fields[i];
                if (table.ValueAt(first + i) is { } num) w.WriteNumber(f.Key, num); else w.WriteNull(f.Key);
                if (f.UnitKey is { } unitKey) WriteNullable(w, unitKey, table.UnitAt(first + i));
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f, FindingOrigin origin)
    {
        w.WriteStartObject();
        w.WriteString(RuleName, f.Rule);
        w.WriteString(SeverityKey, SeverityName(f.Severity));
        w.WriteString(MessageName, f.Message);
        w.WriteStartArray(CellsName);
        Span<char> buffer = stackalloc char[PathBufferLength];
        foreach (var c in f.Cells)
        {
            if (Format(c, buffer) is var n and > 0) w.WriteStringValue(buffer[..n]);
            else w.WriteStringValue(c.ToString());
        }
        w.WriteEndArray();
        if (f.Candidates is { } cands)
        {
            w.WriteStartArray(CandidatesName);
            foreach (var c in cands) w.WriteStringValue(c);
            w.WriteEndArray();
        }
        if (f.Args is { Count: > 0 } args)
        {
            w.WriteStartObject(ArgsName);
            foreach (var (k, v) in args) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteString(OriginName, origin == FindingOrigin.Reading ? ReadingOrigin : CheckOrigin);
        w.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter w, Report r)
    {
        w.WritePropertyName("provenance");
        w.WriteStartObject();
        // The sorted entries in an array lent by the shared pool (a report's ≈ 200 entries: ≈ 7 KB a report otherwise).
        var count = r.Provenance.Count;
        var lent = ArrayPool<KeyValuePair<CellPath, CellSource>>.Shared.Rent(count);
        try
        {
            WriteProvenance(w, InDocumentOrder(r.Provenance, lent.AsSpan(0, count)));
        }
        finally
        {
            lent.AsSpan(0, count).Clear(); // no report kept alive by the pool
            ArrayPool<KeyValuePair<CellPath, CellSource>>.Shared.Return(lent);
        }
    }

    private static void WriteProvenance(Utf8JsonWriter w, ReadOnlySpan<KeyValuePair<CellPath, CellSource>> entries)
    {
        Span<char> name = stackalloc char[PathBufferLength];
        if (!w.Options.Indented)
        {
            foreach (var (path, src) in entries)
            {
                WritePathName(w, path, name);
                WriteSource(w, src);
            }
            w.WriteEndObject();
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using var line = new Utf8JsonWriter(buffer, CompactOptions);
        foreach (var (path, src) in entries)
        {
            buffer.ResetWrittenCount();
            line.Reset(buffer);
            WriteSource(line, src);
            line.Flush();
            WritePathName(w, path, name);
            w.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// The entries by where they stand in the document, entries at the same place by their path's text.
    /// Sorted on their offsets as plain integers first (a delegate call per comparison cost a report's
    /// JSON a noticeable share), then only runs at one offset by path.
    /// </summary>
    private static Span<KeyValuePair<CellPath, CellSource>> InDocumentOrder(IReadOnlyDictionary<CellPath, CellSource> provenance, Span<KeyValuePair<CellPath, CellSource>> entries)
    {
        var n = 0;
        foreach (var entry in provenance) entries[n++] = entry;
        var lent = ArrayPool<int>.Shared.Rent(n);
        var starts = lent.AsSpan(0, n);
        for (var i = 0; i < n; i++) starts[i] = entries[i].Value.Start;
        starts.Sort(entries);
        // Whatever order the sort leaves equal offsets in, they are then ordered by path (paths are unique).
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && starts[j] == starts[i]) j++;
            if (j - i > 1) entries.Slice(i, j - i).Sort(ByPathText);
            i = j;
        }
        ArrayPool<int>.Shared.Return(lent);
        return entries;
    }

    private static readonly Comparer<KeyValuePair<CellPath, CellSource>> ByPathText =
        Comparer<KeyValuePair<CellPath, CellSource>>.Create((a, b) => string.CompareOrdinal(a.Key.ToString(), b.Key.ToString()));

    // Longest table, row and field keys of the contract with their two dots, with room to spare.
    private const int PathBufferLength = 128;

    /// <summary>The path's contract text ("table.row.field") into <paramref name="buffer"/>, without a string; 0 when it does not fit.</summary>
    private static int Format(CellPath path, Span<char> buffer)
    {
        var table = path.Table.ToContractName();
        var length = table.Length + path.Row.Length + path.Field.Length + 2;
        if (length > buffer.Length) return 0;
        table.CopyTo(buffer);
        var at = table.Length;
        buffer[at++] = '.';
        path.Row.CopyTo(buffer[at..]);
        at += path.Row.Length;
        buffer[at++] = '.';
        path.Field.CopyTo(buffer[at..]);
        return length;
    }

    private static void WritePathName(Utf8JsonWriter w, CellPath path, Span<char> buffer)
    {
        if (Format(path, buffer) is var n and > 0) w.WritePropertyName(buffer[..n]);
        else w.WritePropertyName(path.ToString());
    }

    private static void WriteSource(Utf8JsonWriter line, CellSource src)
    {
            line.WriteStartObject();
            line.WriteNumber(StartName, src.Start);
            line.WriteNumber(LengthName, src.Length);
            line.WriteString(TextName, src.Text);
            line.WriteString(ConfidenceKey, (uint)src.Confidence < (uint)ConfidenceNames.Length ? ConfidenceNames[(int)src.Confidence] : JsonEncodedText.Encode(ConfidenceName(src.Confidence)));
            if (src.OcrConfidence is { } oc) line.WriteNumber(OcrConfidenceName, Math.Round(oc, 3));
            if (src.Box is { } b)
            {
                line.WriteNumber(PageName, b.Page);
                line.WriteStartArray(BoxName);
                line.WriteNumberValue(Math.Round(b.Left, 1)); line.WriteNumberValue(Math.Round(b.Bottom, 1));
                line.WriteNumberValue(Math.Round(b.Right, 1)); line.WriteNumberValue(Math.Round(b.Top, 1));
                line.WriteEndArray();
            }
            if (src.Table is { } t) line.WriteNumber(TableName, t);
            if (src.Row is { } rr) line.WriteNumber(RowName, rr);
            if (src.Column is { } cc) line.WriteNumber(ColumnName, cc);
            line.WriteEndObject();
    }

    private static string SeverityName(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };

    private static string ConfidenceName(ReadingConfidence c) => c switch
    {
        ReadingConfidence.Exact => "exact",
        ReadingConfidence.SolvedByArithmetic => "solvedByArithmetic",
        ReadingConfidence.SolvedByNarrative => "solvedByNarrative",
        ReadingConfidence.Ocr => "ocr",
        _ => "placedByOrder",
    };

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    // ---------------------------------------------------------------- reading

    /// <summary>Reads one report from contract JSON (an array must hold exactly one).</summary>
    public static Report Deserialize(string json)
    {
        var reports = DeserializeMany(json);
        return reports.Count == 1 ? reports[0]
            : throw new ReportRecordException("", reports.Count == 0 ? "the JSON array holds no report" : $"the JSON array holds {reports.Count} reports where one was expected");
    }

    public static IReadOnlyList<Report> DeserializeMany(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException ex) { throw new ReportRecordException("", $"not valid JSON ({ex.Message})", ex); }
        using (doc)
        {
            return doc.RootElement.ValueKind switch
            {
                JsonValueKind.Array => doc.RootElement.EnumerateArray().Select((e, i) => Read(e, $"[{i}].")).ToList(),
                JsonValueKind.Object => [Read(doc.RootElement)],
                _ => throw new ReportRecordException("", $"a report record is a JSON object, not {Describe(doc.RootElement)}"),
            };
        }
    }

    public static Report Read(JsonElement e) => Read(e, "");

    private static Report Read(JsonElement e, string at)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new ReportRecordException(at.TrimEnd('.'), $"a report record is a JSON object, not {Describe(e)}");
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(TopLevelKeys, p.Name) < 0)
                throw new ReportRecordException(at + p.Name, $"unknown field; a report record has {string.Join(", ", TopLevelKeys)}");

        var version = e.TryGetProperty("schemaVersion", out var sv) ? Int(sv, at + "schemaVersion") : Report.CurrentSchemaVersion;
        if (version != Report.CurrentSchemaVersion)
            throw new ReportRecordException(at + "schemaVersion", $"version {version} is not supported; this Nianbao reads version {Report.CurrentSchemaVersion}");
        var templateName = OptionalString(e, "template", at) ?? throw new ReportRecordException(at + "template", "missing; one of 2021, 2019, legacy, unknown");
        if (!ReportTemplateNames.TryFromContractName(templateName, out var template))
            throw new ReportRecordException(at + "template", $"\"{templateName}\" is not a template; one of 2021, 2019, legacy, unknown");
        var draft = new ReportDraft
        {
            SchemaVersion = version,
            Template = template,
            Agency = OptionalString(e, "agency", at),
            ReadBy = OptionalString(e, "readBy", at),
            Year = ReadYear(e, at),
            PublishedOn = ReadDate(e, at),
        };
        if (e.TryGetProperty("source", out var src) && src.ValueKind != JsonValueKind.Null)
            draft.Source = ReadSource(src, at + "source");
        if (e.TryGetProperty("sections", out var secs) && secs.ValueKind != JsonValueKind.Null)
            draft.Sections.AddRange(ReadSections(secs, at + "sections"));

        var schema = TemplateSchema.For(template);
        foreach (var kind in TableKinds.Statutory)
        {
            var name = kind.ToContractName();
            if (!e.TryGetProperty(name, out var t) || t.ValueKind == JsonValueKind.Null) continue;
            if (t.ValueKind != JsonValueKind.Object) throw new ReportRecordException(at + name, $"a table is an object of rows or null, not {Describe(t)}");
            if (schema is null) throw new ReportRecordException(at + name, $"a report in template {templateName} has no national tables; give template 2021 or 2019");
            draft.SetTable(ReadTable(LayoutOf(schema, schema.Table(kind), t), t, at + name), kind);
        }
        if (e.TryGetProperty("feeCollection", out var fee) && fee.ValueKind != JsonValueKind.Null)
            draft.FeeCollection = ReadFeeCollection(fee, at + "feeCollection");
        if (e.TryGetProperty("findings", out var fs) && fs.ValueKind != JsonValueKind.Null)
        {
            if (fs.ValueKind != JsonValueKind.Array) throw new ReportRecordException(at + "findings", $"an array, not {Describe(fs)}");
            var i = 0;
            foreach (var f in fs.EnumerateArray())
            {
                var finding = ReadFinding(f, $"{at}findings[{i++}]");
                (finding.Origin == FindingOrigin.Reading ? draft.ReadingNotes : draft.CheckFindings).Add(finding);
            }
        }
        if (e.TryGetProperty("provenance", out var prov) && prov.ValueKind != JsonValueKind.Null)
            ReadProvenance(prov, at + "provenance", draft);
        return draft.Publish();
    }

    private static FeeCollection ReadFeeCollection(JsonElement fee, string at)
    {
        if (fee.ValueKind != JsonValueKind.Object) throw new ReportRecordException(at, $"the fee-collection table is an object or null, not {Describe(fee)}");
        Known(fee, at, [.. FeeCollection.Columns.Select(c => c.Key)]);
        var values = new decimal?[FeeCollection.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var key = FeeCollection.Columns[i].Key;
            if (!fee.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) continue;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var number) || number < 0)
                throw new ReportRecordException($"{at}.{key}", $"a cell is a number not below 0 or null (blank), not {v.GetRawText()}");
            if (i == 0 && decimal.Truncate(number) != number)
                throw new ReportRecordException($"{at}.{key}", $"{v.GetRawText()} is not a whole number; 通知收取件数 is a count");
            values[i] = number;
        }
        return new FeeCollection(values[0], values[1], values[2]);
    }

    private static int? ReadYear(JsonElement e, string at)
    {
        if (!e.TryGetProperty("year", out var y) || y.ValueKind == JsonValueKind.Null) return null;
        if (y.ValueKind != JsonValueKind.Number || !y.TryGetInt32(out var year) || year < FirstYear || year > LastYear)
            throw new ReportRecordException(at + "year", $"{y.GetRawText()} is not a reporting year; a whole number such as 2023 (from {FirstYear} to {LastYear}) or null");
        return year;
    }

    private static DateOnly? ReadDate(JsonElement e, string at)
    {
        var text = OptionalString(e, "publishedOn", at);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ReportRecordException(at + "publishedOn", $"\"{text}\" is not a date written yyyy-MM-dd");
    }

    private static SourceInfo ReadSource(JsonElement s, string at)
    {
        Known(s, at, "fileName", "sha256", "format", "encoding");
        return new SourceInfo(OptionalString(s, "fileName", at + ".") ?? "", OptionalString(s, "sha256", at + ".") ?? "",
            OptionalString(s, "format", at + ".") ?? "", OptionalString(s, "encoding", at + "."));
    }

    private static IEnumerable<Section> ReadSections(JsonElement secs, string at)
    {
        if (secs.ValueKind != JsonValueKind.Array) throw new ReportRecordException(at, $"an array of {{number, title, text}}, not {Describe(secs)}");
        var i = 0;
        foreach (var s in secs.EnumerateArray())
        {
            var here = $"{at}[{i++}]";
            Known(s, here, "number", "title", "text");
            if (!s.TryGetProperty("number", out var n)) throw new ReportRecordException(here + ".number", "missing; the section's number 1 to 6");
            var number = Int(n, here + ".number");
            if (number is < 1 or > 6) throw new ReportRecordException(here + ".number", $"{number} is not a statutory section; 1 to 6");
            yield return new Section(number, OptionalString(s, "title", here + ".") ?? "", OptionalString(s, "text", here + ".") ?? "");
        }
    }

    private static TableDraft ReadTable(TableSchema schema, JsonElement t, string at)
    {
        var values = new TableDraft(schema);
        foreach (var rowProperty in t.EnumerateObject())
        {
            var rowAt = $"{at}.{rowProperty.Name}";
            var row = schema.Row(rowProperty.Name)
                ?? throw new ReportRecordException(rowAt, $"not a row of {at} in this template; its rows are {string.Join(", ", schema.Rows.Select(r => r.Key))}");
            var rowEl = rowProperty.Value;
            if (rowEl.ValueKind == JsonValueKind.Null) continue;
            if (rowEl.ValueKind != JsonValueKind.Object) throw new ReportRecordException(rowAt, $"a row is an object of cells, not {Describe(rowEl)}");
            foreach (var cell in rowEl.EnumerateObject())
            {
                var cellAt = $"{rowAt}.{cell.Name}";
                var field = row.Fields.FirstOrDefault(f => f.Key == cell.Name);
                if (field is null)
                {
                    var unitOf = row.Fields.FirstOrDefault(f => f.UnitKey == cell.Name);
                    if (unitOf is null)
                        throw new ReportRecordException(cellAt, $"not a cell of this row; its cells are {string.Join(", ", row.Fields.Select(f => f.Key).Concat(row.Fields.Where(f => f.UnitKey is not null).Select(f => f.UnitKey!)))}");
                    if (cell.Value.ValueKind == JsonValueKind.Null) continue;
                    if (cell.Value.ValueKind != JsonValueKind.String) throw new ReportRecordException(cellAt, $"a unit is text such as 元 or 万元, not {Describe(cell.Value)}");
                    values.SetUnit(row.Key, unitOf.Key, cell.Value.GetString());
                    continue;
                }
                switch (cell.Value.ValueKind)
                {
                    case JsonValueKind.Null: break;
                    case JsonValueKind.Number when cell.Value.TryGetDecimal(out var number):
                        if (field.Kind != ValueKind.Money && decimal.Truncate(number) != number)
                            throw new ReportRecordException(cellAt, $"{cell.Value.GetRawText()} is not a whole number; {field.PrintedLabel} is a count");
                        if (field.Kind == ValueKind.Count && number < 0)
                            throw new ReportRecordException(cellAt, $"{cell.Value.GetRawText()} is negative; {field.PrintedLabel} is a count");
                        values[row.Key, field.Key] = number;
                        break;
                    default:
                        throw new ReportRecordException(cellAt, $"a cell is a number or null (blank), not {Describe(cell.Value)}");
                }
            }
        }
        return values;
    }

    private static Finding ReadFinding(JsonElement f, string at)
    {
        Known(f, at, "rule", "severity", "message", "cells", "candidates", "args", "origin");
        var rule = OptionalString(f, "rule", at + ".") ?? throw new ReportRecordException(at + ".rule", "missing");
        var severityName = OptionalString(f, "severity", at + ".") ?? throw new ReportRecordException(at + ".severity", "missing; error, warning or info");
        var severity = severityName switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            _ => throw new ReportRecordException(at + ".severity", $"\"{severityName}\" is not a severity; error, warning or info"),
        };
        var cells = new List<CellPath>();
        if (f.TryGetProperty("cells", out var cs) && cs.ValueKind != JsonValueKind.Null)
        {
            foreach (var c in Strings(cs, at + ".cells"))
                cells.Add(CellPath.TryParse(c, out var path) ? path : throw new ReportRecordException(at + ".cells", $"\"{c}\" is not a cell path (table.row.field)"));
        }
        List<string>? candidates = null;
        if (f.TryGetProperty("candidates", out var cands) && cands.ValueKind != JsonValueKind.Null)
            candidates = Strings(cands, at + ".candidates").ToList();
        List<KeyValuePair<string, string>>? args = null;
        if (f.TryGetProperty("args", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind != JsonValueKind.Object) throw new ReportRecordException(at + ".args", $"an object of texts, not {Describe(a)}");
            args = a.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name,
                p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new ReportRecordException($"{at}.args.{p.Name}", $"text, not {Describe(p.Value)}"))).ToList();
        }
        var originName = OptionalString(f, "origin", at + ".");
        var origin = originName switch
        {
            "reading" => FindingOrigin.Reading,
            "check" => FindingOrigin.Check,
            // A record written before findings said where they came from: the reader's rules are R-*.
            null => rule.StartsWith("R-", StringComparison.Ordinal) ? FindingOrigin.Reading : FindingOrigin.Check,
            _ => throw new ReportRecordException(at + ".origin", $"\"{originName}\" is not an origin; reading or check"),
        };
        return new Finding(rule, severity, OptionalString(f, "message", at + ".") ?? "", cells)
        {
            Origin = origin,
            Candidates = candidates,
            Args = args,
        };
    }

    private static void ReadProvenance(JsonElement prov, string at, ReportDraft draft)
    {
        if (prov.ValueKind != JsonValueKind.Object) throw new ReportRecordException(at, $"an object of cell paths, not {Describe(prov)}");
        foreach (var entry in prov.EnumerateObject())
        {
            var here = $"{at}.{entry.Name}";
            if (!CellPath.TryParse(entry.Name, out var path)) throw new ReportRecordException(here, "not a cell path (table.row.field)");
            var v = entry.Value;
            Known(v, here, "start", "length", "text", "confidence", "ocrConfidence", "page", "box", "table", "row", "column");
            var confidenceName = OptionalString(v, "confidence", here + ".") ?? "exact";
            var confidence = confidenceName switch
            {
                "exact" => ReadingConfidence.Exact,
                "solvedByArithmetic" => ReadingConfidence.SolvedByArithmetic,
                "solvedByNarrative" => ReadingConfidence.SolvedByNarrative,
                "placedByOrder" => ReadingConfidence.PlacedByOrder,
                "ocr" => ReadingConfidence.Ocr,
                _ => throw new ReportRecordException(here + ".confidence", $"\"{confidenceName}\" is not a confidence; exact, solvedByArithmetic, solvedByNarrative, placedByOrder or ocr"),
            };
            PageBox? box = null;
            if (v.TryGetProperty("box", out var b) && b.ValueKind != JsonValueKind.Null)
            {
                if (b.ValueKind != JsonValueKind.Array || b.GetArrayLength() != 4 || b.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number))
                    throw new ReportRecordException(here + ".box", "four numbers: left, bottom, right, top");
                var page = v.TryGetProperty("page", out var pg) ? Int(pg, here + ".page") : throw new ReportRecordException(here + ".page", "missing beside box");
                box = new PageBox(page, b[0].GetDouble(), b[1].GetDouble(), b[2].GetDouble(), b[3].GetDouble());
            }
            draft.Provenance[path] = new CellSource(
                v.TryGetProperty("start", out var st) ? Int(st, here + ".start") : throw new ReportRecordException(here + ".start", "missing"),
                v.TryGetProperty("length", out var ln) ? Int(ln, here + ".length") : throw new ReportRecordException(here + ".length", "missing"),
                OptionalString(v, "text", here + ".") ?? "",
                confidence)
            {
                Box = box,
                Table = OptionalInt(v, "table", here),
                Row = OptionalInt(v, "row", here),
                Column = OptionalInt(v, "column", here),
                OcrConfidence = v.TryGetProperty("ocrConfidence", out var oc) && oc.ValueKind == JsonValueKind.Number ? oc.GetDouble() : null,
            };
        }
    }

    /// <summary>
    /// A 2021 report that printed （六）其他处理 as one row carries <c>otherHandling</c>: its table 三 has
    /// the 2019 layout, and reading it with the 2021 rows would silently drop that row.
    /// </summary>
    private static TableSchema LayoutOf(TemplateSchema template, TableSchema schema, JsonElement table) =>
        schema.Kind == TableKind.Applications
            ? template.ToleratedApplicationLayouts.FirstOrDefault(layout =>
                  table.EnumerateObject().Any(p => schema.Row(p.Name) is null) && table.EnumerateObject().All(p => layout.Row(p.Name) is not null))
              ?? schema
            : schema;

    private static void Known(JsonElement e, string at, params string[] keys)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new ReportRecordException(at, $"an object, not {Describe(e)}");
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(keys, p.Name) < 0)
                throw new ReportRecordException($"{at}.{p.Name}", $"unknown field; here a record has {string.Join(", ", keys)}");
    }

    private static IEnumerable<string> Strings(JsonElement e, string at)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new ReportRecordException(at, $"an array of texts, not {Describe(e)}");
        foreach (var x in e.EnumerateArray())
            yield return x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new ReportRecordException(at, $"holds {Describe(x)} where texts are expected");
    }

    private static int Int(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new ReportRecordException(at, $"a whole number, not {Describe(e)}");

    private static int? OptionalInt(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Int(v, $"{at}.{name}") : null;

    private static string? OptionalString(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ReportRecordException(at + name, $"text, not {Describe(v)}");
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{Shorten(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
