using System.Text.Json;
using Nianbao.Domain;

namespace Nianbao.Tests.Support;

/// <summary>Compares a parsed report with a hand-checked *.expected.json: every listed cell, null included.</summary>
public static class ExpectedAnswer
{
    public static List<string> Differences(Report report, string expectedJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(expectedJsonPath));
        var e = doc.RootElement;
        var diffs = new List<string>();
        if (e.TryGetProperty("agency", out var agency) && agency.GetString() != report.Agency)
            diffs.Add($"agency: got {report.Agency} want {agency.GetString()}");
        if (e.TryGetProperty("year", out var year) && year.GetInt32() != report.Year)
            diffs.Add($"year: got {report.Year} want {year.GetInt32()}");
        if (e.TryGetProperty("template", out var template) && template.GetString() != report.Template.ToContractName())
            diffs.Add($"template: got {report.Template.ToContractName()} want {template.GetString()}");
        foreach (var kind in Enum.GetValues<TableKind>())
        {
            if (!e.TryGetProperty(kind.ToContractName(), out var table)) continue;
            var values = report.Table(kind);
            foreach (var row in table.EnumerateObject())
            foreach (var cell in row.Value.EnumerateObject())
            {
                decimal? want = cell.Value.ValueKind == JsonValueKind.Number ? cell.Value.GetDecimal() : null;
                var path = $"{kind.ToContractName()}.{row.Name}.{cell.Name}";
                if (values is null) { diffs.Add($"{path}: table missing"); continue; }
                if (!values.HasRow(row.Name)) { diffs.Add($"{path}: row not in the parsed layout"); continue; }
                var got = values[row.Name, cell.Name];
                if (got != want) diffs.Add($"{path}: got {got?.ToString() ?? "null"} want {want?.ToString() ?? "null"}");
            }
        }
        return diffs;
    }
}
