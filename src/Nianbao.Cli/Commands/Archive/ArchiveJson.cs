using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nianbao.Archive;

namespace Nianbao.Cli.Commands.Archive;

/// <summary>JSON of archive entries (camelCase, Chinese unescaped).</summary>
internal static class ArchiveJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A report version: its archive entry, the lossless record, findings across reports and settled cells.</summary>
    public static string Report(ArchiveStore store, ReportEntry entry)
    {
        var node = JsonSerializer.SerializeToNode(entry, Options)!.AsObject();
        node.Remove("shortId");
        node["record"] = JsonNode.Parse(store.RecordJson(entry.Id));
        node["findingsAcrossReports"] = JsonSerializer.SerializeToNode(store.CrossFindings(entry.Id), Options);
        node["settledCells"] = JsonSerializer.SerializeToNode(store.Cells(entry.Id).Where(c => c.Status == CellStatus.Settled), Options);
        return node.ToJsonString(Options);
    }
}
