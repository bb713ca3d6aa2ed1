using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Pipeline;
using Nianbao.Synthetic;
using Xunit;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Session 8 writes a report's cell set, layout and cell vector in one pass (<see cref="CellSetWriter"/>) and its
/// record as UTF-8 bytes. What is stored must not change: they are compared here with the row-by-row code they
/// replaced (<see cref="RowReference"/>, kept as it was on `main`) on generated reports of every text shape read
/// by the pipeline, and on reports given provenance with boxes, units, fee tables and awkward text.
/// </summary>
public sealed class CellSetWriterTests
{
    [Fact]
    public void Generated_reports_of_every_shape_are_stored_as_the_row_code_stored_them()
    {
        var inputs = CorpusFactory.Generate(48, 808).Select(f => PipelineInput.FromBytes(f.Name, f.Bytes)).ToList();
        var reports = ReportPipeline.Default.ReadAll(inputs).Where(o => o.Report is not null).Select(o => o.Report!).ToList();
        Assert.True(reports.Count >= 40);
        Assert.Contains(reports, r => r.Findings.Any(f => f.Rule == Rules.AmbiguousDigits) || r.Findings.Any(f => f.Rule.StartsWith("R-", StringComparison.Ordinal)));
        foreach (var report in reports) AssertSame(report, compact: true);
    }

    [Property(MaxTest = 60)]
    public void Reports_with_any_provenance_units_and_fee_table_are_stored_as_the_row_code_stored_them(int seed, bool format2021, bool blanks, bool fee, bool boxes)
    {
        var spec = new GenerationSpec(seed, format2021 ? ReportTemplate.Format2021 : ReportTemplate.Format2019, (NumberScale)(Math.Abs(seed) % 3), seed % 5 == 0, blanks);
        var report = ReportGenerator.Generate(spec).Truth;
        var random = new Random(seed);
        var provenance = new Dictionary<CellPath, CellSource>();
        string[] texts = ["12", "１２", "a \"quoted\" \\ text", "line\nbreak\ttab\r", "\u0001\u001f控制", "𠀀 surrogate pair", "万元"];
        foreach (var table in report.Tables)
            foreach (var path in table.Schema.Cells())
            {
                if (random.Next(3) == 0) continue;
                provenance[path] = new CellSource(random.Next(100_000), random.Next(1, 20), texts[random.Next(texts.Length)], (ReadingConfidence)random.Next(5))
                {
                    Box = boxes && random.Next(2) == 0 ? new PageBox(random.Next(1, 40), random.NextDouble() * 600, 12.25, 480.04, random.Next(800)) : null,
                    Table = random.Next(4) == 0 ? null : random.Next(6),
                    Row = random.Next(4) == 0 ? null : random.Next(60),
                    Column = random.Next(4) == 0 ? null : random.Next(12),
                };
            }
        var cells = report.Tables.SelectMany(t => t.Schema.Cells()).ToList();
        var findings = new List<Finding>
        {
            new(Rules.AmbiguousDigits, Severity.Warning, "两种读法", [cells[random.Next(cells.Count)]]) { Origin = FindingOrigin.Reading },
            new("R-2", Severity.Warning, "未读出", [cells[random.Next(cells.Count)], cells[random.Next(cells.Count)]]) { Origin = FindingOrigin.Reading },
        };
        report = report with
        {
            Provenance = provenance,
            ReadingNotes = findings,
            FeeCollection = fee ? new FeeCollection(random.Next(2) == 0 ? null : 3, 120.5m, random.Next(2) == 0 ? null : 0.10m) : null,
        };
        AssertSame(report);
    }

    [Fact]
    public void A_report_without_tables_has_no_cell_set_and_an_empty_vector()
    {
        var report = ReportGenerator.Generate(new GenerationSpec(3, ReportTemplate.Format2021, NumberScale.Small, false, false)).Truth;
        report = report with { ActiveDisclosure = null, Applications = null, ReviewsAndLawsuits = null };
        AssertSame(report);
        Assert.Null(CellSetWriter.Of(report).Cells);
        Assert.Equal("", CellSetWriter.Of(report).Vector);
    }

    private static void AssertSame(Report report, bool compact = false)
    {
        var rows = RowReference.CellRows("id", report).ToList();
        var (cells, vector) = CellSetWriter.Of(report);
        if (rows.Count == 0) Assert.Null(cells);
        else
        {
            Assert.NotNull(cells);
            // Since 0101 the set is stored in its own compact form: decoded, it gives every column of every row.
            var json = Encoding.UTF8.GetString(cells.Json.Span.ToArray());
            var layout = cells.Layout.Cells.Select(c => new CellRows.LayoutPath(c.Seq, c.Path, c.TableName, c.RowKey, c.Field)).ToArray();
            var decoded = CellRows.Decode("id", 1, json, layout, []);
            Assert.Equal(rows.Select(RowReference.Line), decoded.Select(d => RowReference.Line(d.Seq, d.ValueText, d.Cell)));
            // Reports as read (numbers printed as they are, ASCII): under a third of what 0093 wrote.
            if (compact) Assert.True(json.Length * 3 < RowReference.Encode(rows).Length, $"{json.Length} bytes, 0093 wrote {RowReference.Encode(rows).Length}");
            Assert.Equal(RowReference.LayoutKeyOf(rows), cells.LayoutKey);
            Assert.Equal(rows.Select(r => ((int)r[2]!, (string)r[1]!, (string)r[3]!, (string)r[4]!, (string)r[5]!)),
                cells.Layout.Cells.Select(c => (c.Seq, c.Path, c.TableName, c.RowKey, c.Field)));
        }
        Assert.Equal(RowReference.Vector(report, rows), vector);
        Assert.Equal(Encoding.UTF8.GetBytes(ReportJson.Serialize(report)), ReportJson.SerializeToUtf8(report));
    }

    /// <summary>The code of `main` (7de2341) that made the rows, their JSON, the layout key and the vector.</summary>
    private static class RowReference
    {
        public static IEnumerable<object?[]> CellRows(string reportId, Report report)
        {
            var ambiguous = report.Findings.Where(f => f.Rule == Rules.AmbiguousDigits).SelectMany(f => f.Cells).ToHashSet();
            var unread = report.Findings.Where(f => f.Rule.StartsWith("R-", StringComparison.Ordinal)).SelectMany(f => f.Cells).ToHashSet();
            var tableIndex = 0;
            foreach (var table in report.Tables)
            {
                var slot = 0;
                foreach (var row in table.Schema.Rows)
                    foreach (var field in row.Fields)
                    {
                        var path = new CellPath(table.Kind, row.Key, field.Key);
                        var value = table[row.Key, field.Key];
                        report.Provenance.TryGetValue(path, out var src);
                        var status = value is not null ? CellStatus.Value
                            : ambiguous.Contains(path) ? CellStatus.Ambiguous
                            : unread.Contains(path) ? CellStatus.Unread
                            : CellStatus.Blank;
                        yield return
                        [
                            reportId, path.ToString(), tableIndex * 10_000 + slot++, table.Kind.ToContractName(), row.Key, field.Key, status,
                            value, value?.ToString(CultureInfo.InvariantCulture),
                            field.UnitKey is not null ? table.UnitOf(row.Key, field.Key) : null,
                            src is null ? null : JsonNamingPolicy.CamelCase.ConvertName(src.Confidence.ToString()),
                            src?.Start, src?.Length, src?.Text, src?.Box?.Page,
                            src?.Box is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b.Left:0.#},{b.Bottom:0.#},{b.Right:0.#},{b.Top:0.#}") : null,
                            src?.Table, src?.Row, src?.Column,
                        ];
                    }
                tableIndex++;
            }
            if (report.FeeCollection is { } fee)
                for (var i = 0; i < FeeCollection.Columns.Count; i++)
                {
                    var (key, _) = FeeCollection.Columns[i];
                    var value = fee.Values[i];
                    yield return
                    [
                        reportId, "feeCollection." + key, 900_000 + i, "feeCollection", "", key,
                        value is null ? CellStatus.Blank : CellStatus.Value, value, value?.ToString(CultureInfo.InvariantCulture),
                        null, null, null, null, null, null, null, null, null, null,
                    ];
                }
        }

        public static string? Vector(Report report, IReadOnlyList<object?[]> cells)
        {
            var tables = report.Tables.ToList();
            var byTable = new List<(string, string?, string?)>[tables.Count];
            for (var i = 0; i < byTable.Length; i++) byTable[i] = [];
            foreach (var c in cells)
                if ((int)c[2]! / 10_000 is var index && index < byTable.Length)
                    byTable[index].Add(((string)c[6]!, (string?)c[8], (string?)c[9]));
            return CellVector.Encode(tables.Select((table, index) => (table.Schema, (IReadOnlyList<(string, string?, string?)>)byTable[index])));
        }

        /// <summary>A row's columns as text (value as the number and as its exact text).</summary>
        public static string Line(object?[] row) => string.Join("|", row.Select(Text));

        public static string Line(int seq, string? valueText, CellEntry c) => string.Join("|", new object?[]
        {
            c.ReportId, c.Path, seq, c.TableName, c.RowKey, c.Field, c.Status, c.Value, valueText, c.Unit, c.Confidence,
            c.SrcStart, c.SrcLength, c.SrcText, c.Page, c.Box, c.SrcTable, c.SrcRow, c.SrcColumn,
        }.Select(Text));

        private static string Text(object? v) => v switch
        {
            null => "∅",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture)!,
        };

        public static string Encode(IReadOnlyList<object?[]> rows)
        {
            var sb = new StringBuilder();
            sb.Append('[');
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                if (r > 0) sb.Append(',');
                sb.Append('[').Append((int)row[2]!);
                var last = 18;
                while (last > 6 && (row[last] is null || last == 7)) last--;
                for (var c = 6; c <= last; c++)
                {
                    if (c == 7) continue;
                    sb.Append(',');
                    switch (row[c])
                    {
                        case null: sb.Append("null"); break;
                        case string s: AppendString(sb, s); break;
                        case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
                        case var other: throw new NotSupportedException(other.GetType().Name);
                    }
                }
                sb.Append(']');
            }
            return sb.Append(']').ToString();
        }

        private static void AppendString(StringBuilder sb, string s)
        {
            sb.Append('"');
            var start = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var ch = s[i];
                if (ch >= ' ' && ch != '"' && ch != '\\') continue;
                sb.Append(s, start, i - start);
                sb.Append(ch switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
                });
                start = i + 1;
            }
            sb.Append(s, start, s.Length - start).Append('"');
        }

        public static string LayoutKeyOf(IReadOnlyList<object?[]> rows) =>
            string.Join(';', rows.Select(r => ((int)r[2]!).ToString(CultureInfo.InvariantCulture) + "=" + (string)r[1]!));
    }
}
