using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Analysis.Agencies;
using Nianbao.Analysis.Cells;
using Nianbao.Analysis.Metrics;
using Nianbao.Domain;

namespace Nianbao.Analysis.Summaries;

/// <summary>
/// The JSON of <c>summary --json</c>: the total's summed tables in the data contract's shape
/// (<c>activeDisclosure</c>, <c>applications</c>, <c>reviewsAndLawsuits</c>), its metrics under their
/// documented names, the year-over-year changes and the coverage; then each group the same way, and
/// the ranking when one was asked for. docs/metrics.md describes every field.
/// </summary>
public static class SummaryJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Summary summary, Ranking? ranking = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) Write(w, summary, ranking);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, Summary summary, Ranking? ranking = null)
    {
        w.WriteStartObject();
        w.WriteStartObject("scope");
        WriteNullable(w, "regionCode", summary.Options.ScopeRegionCode);
        w.WriteStartArray("years");
        foreach (var y in summary.Total.Years) w.WriteNumberValue(y);
        w.WriteEndArray();
        w.WriteString("by", summary.Options.By.ToString().ToLowerInvariant());
        w.WriteEndObject();
        WriteGroupBody(w, summary.Total);
        w.WriteStartArray("groups");
        foreach (var group in summary.Groups)
        {
            w.WriteStartObject();
            w.WriteString("key", group.Key.Key);
            w.WriteString("label", group.Key.Label);
            WriteGroupBody(w, group);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (ranking is not null) WriteRanking(w, ranking);
        w.WriteEndObject();
    }

    private static void WriteGroupBody(Utf8JsonWriter w, GroupSummary group)
    {
        WriteTables(w, group.Tables);
        w.WriteStartObject("metrics");
        foreach (var m in group.Metrics) WriteMetric(w, m);
        w.WriteEndObject();
        w.WriteStartObject("yearOverYear");
        foreach (var c in group.YearOverYear) WriteChange(w, c);
        w.WriteEndObject();
        WriteCoverage(w, group);
    }

    /// <summary>The summed tables, rows and fields as the contract names them; a cell no report states is null.</summary>
    private static void WriteTables(Utf8JsonWriter w, TableTally tables)
    {
        var cells = tables.Cells().Where(c => c.Summed + c.NotSummed > 0).ToList();
        foreach (var kind in Enum.GetValues<TableKind>())
        {
            var ofTable = cells.Where(c => c.Path.Table == kind).ToList();
            if (ofTable.Count == 0) { w.WriteNull(kind.ToContractName()); continue; }
            w.WriteStartObject(kind.ToContractName());
            foreach (var row in ofTable.GroupBy(c => c.Path.Row))
            {
                w.WriteStartObject(row.Key);
                foreach (var cell in row)
                {
                    if (cell.Sum is { } sum) w.WriteNumber(cell.Path.Field, sum); else w.WriteNull(cell.Path.Field);
                    var unitKey = CellLayout.All.Fields[CellLayout.All.SlotOf(cell.Path)].UnitKey;
                    if (unitKey is not null) WriteNullable(w, unitKey, cell.Unit);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
    }

    private static void WriteMetric(Utf8JsonWriter w, MetricResult m)
    {
        w.WriteStartObject(m.Metric.Name);
        if (m.Metric.IsRatio)
        {
            WriteNullable(w, "value", m.Value is { } v ? Ratio.Text(v) : null);
            if (m.Percent is { } p) w.WriteNumber("percent", p); else w.WriteNull("percent");
            w.WriteNumber("numerator", m.Numerator);
            w.WriteNumber("denominator", m.Denominator);
        }
        else if (m.NotApplicable is null) w.WriteNumber("value", m.Numerator);
        else w.WriteNull("value");
        WriteNullable(w, "notApplicable", m.NotApplicable?.ToContractName());
        w.WriteNumber("reports", m.Reports);
        WriteExcluded(w, m.Excluded);
        w.WriteEndObject();
    }

    private static void WriteChange(Utf8JsonWriter w, ChangeResult c)
    {
        w.WriteStartObject(c.Metric.Name);
        WriteNullable(w, "change", c.Value is { } v ? Ratio.Text(v) : null);
        var unit = c.Metric.IsRatio ? "percentagePoints" : "percent";
        if (c.Percent is { } p) w.WriteNumber(unit, p); else w.WriteNull(unit);
        WriteNullable(w, "notApplicable", c.NotApplicable?.ToContractName());
        w.WriteNumber("year", c.Year);
        w.WriteNumber("agencies", c.Agencies);
        if (c.NotApplicable is null)
        {
            w.WriteString("current", c.Metric.IsRatio ? Ratio.Text(c.Current.Value!.Value) : c.Current.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("previous", c.Metric.IsRatio ? Ratio.Text(c.Previous.Value!.Value) : c.Previous.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        w.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter w, GroupSummary group)
    {
        w.WriteStartObject("coverage");
        w.WriteNumber("reports", group.Reports);
        w.WriteNumber("agencies", group.Agencies.Count);
        w.WriteStartObject("templates");
        foreach (var (template, count) in group.Tables.Templates.OrderBy(t => t.Key, StringComparer.Ordinal)) w.WriteNumber(template, count);
        w.WriteEndObject();
        w.WriteStartArray("expectedWithoutReport");
        foreach (var missing in group.ExpectedWithoutReport)
        {
            w.WriteStartObject();
            WriteAgency(w, missing.Agency);
            w.WriteNumber("year", missing.Year);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // Only cells some report has and some report gives no number for: the rest were summed in full.
        w.WriteStartObject("cellsNotSummed");
        foreach (var cell in group.Tables.Cells())
        {
            if (cell.Summed + cell.NotSummed == 0 || (cell.NotSummed == 0 && cell.Absent == 0 && !cell.MixedUnits)) continue;
            w.WriteStartObject(cell.Path.ToString());
            w.WriteNumber("summed", cell.Summed);
            w.WriteNumber("blank", cell.Blank);
            w.WriteNumber("ambiguous", cell.Ambiguous);
            w.WriteNumber("unread", cell.Unread);
            w.WriteNumber("absent", cell.Absent);
            if (cell.MixedUnits)
            {
                w.WriteStartArray("mixedUnits");
                foreach (var u in cell.Units!) if (u is null) w.WriteNullValue(); else w.WriteStringValue(u);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRanking(Utf8JsonWriter w, Ranking ranking)
    {
        w.WriteStartObject("ranking");
        w.WriteString("metric", ranking.Metric.Name);
        w.WriteString("order", ranking.Descending ? "descending" : "ascending");
        w.WriteStartArray("ranked");
        foreach (var r in ranking.Ranked)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", r.Rank);
            WriteAgency(w, r.Agency.Agency);
            w.WriteNumber("year", r.Agency.Year);
            w.WriteString("value", Ratio.Text(r.Result.Value!.Value));
            if (r.Result.Percent is { } p) w.WriteNumber("percent", p);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("notApplicable");
        foreach (var (agency, result) in ranking.NotApplicable)
        {
            w.WriteStartObject();
            WriteAgency(w, agency.Agency);
            w.WriteNumber("year", agency.Year);
            w.WriteString("reason", result.NotApplicable!.Value.ToContractName());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAgency(Utf8JsonWriter w, AgencyRef agency)
    {
        w.WriteString("agencyId", agency.Id);
        w.WriteString("agency", agency.Name);
        WriteNullable(w, "regionCode", agency.Placement?.RegionCode);
        WriteNullable(w, "regionName", agency.Placement?.RegionName);
        WriteNullable(w, "level", agency.Placement?.Level);
        WriteNullable(w, "kind", agency.Placement?.Kind);
    }

    private static void WriteExcluded(Utf8JsonWriter w, IReadOnlyDictionary<NotApplicable, int> excluded)
    {
        w.WriteStartObject("excluded");
        foreach (var (reason, count) in excluded.OrderBy(e => e.Key)) w.WriteNumber(reason.ToContractName(), count);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
