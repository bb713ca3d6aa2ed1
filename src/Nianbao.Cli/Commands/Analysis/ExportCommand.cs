using System.CommandLine;
using Nianbao.Archive;
using Nianbao.Cli.Commands.Archive;
using Nianbao.Export;

using Nianbao.Queries;

namespace Nianbao.Cli.Commands.Analysis;

/// <summary>
/// <c>nianbao export --format csv|xlsx|jsonl|parquet [--long] [--labels] [filters] -o FILE</c>: the
/// archive's reports for spreadsheets and analysts, each record with its agency's placement.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var filters = new ArchiveOptions.Filters();
        var format = new Option<string>("--format") { Description = "格式 csv, xlsx, jsonl or parquet.", Required = true };
        format.AcceptOnlyFromAmong("csv", "xlsx", "jsonl", "parquet");
        var longFormat = new Option<bool>("--long") { Description = "One record per cell with its state and provenance (csv, xlsx, parquet) instead of one per report." };
        var labels = new Option<bool>("--labels") { Description = "A second header row with the national Chinese labels (csv, xlsx)." };
        var output = new Option<string>("--output", "-o") { Description = "输出文件 The file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("export", "导出 Export the archive's reports as CSV, XLSX, JSON Lines or Parquet (docs/metrics.md#exports).") { db, format, longFormat, labels, output, force };
        filters.AddTo(command);
        command.SetAction((r, cancel) => RunAsync(r.GetValue(db), filters.Read(r), r.GetValue(format)!, r.GetValue(longFormat), r.GetValue(labels), r.GetValue(output)!, r.GetValue(force), cancel));
        return command;
    }

    private static async Task<int> RunAsync(string? db, ReportFilter filter, string formatName, bool longFormat, bool labels, string output, bool force, CancellationToken cancel)
    {
        ExportOptions.TryParseFormat(formatName, out var format);
        if (File.Exists(output) && !force)
        {
            Console.Error.WriteLine($"{output}: 文件已存在，未覆盖（加 --force 以覆盖） (exists; --force replaces it).");
            return 2;
        }
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        // Written beside the target and moved into place at the end: a failed export leaves no half file.
        var partial = output + ".partial";
        try
        {
            var source = new ArchiveReports(store);
            IEnumerable<ExportRow> rows = format == ExportFormat.JsonLines
                // The lossless records as stored, one query each (no other query is open meanwhile).
                ? store.ListReports(filter).Select(e => new ExportRow(store.LoadReport(e.Id), source.AgencyOf(e), e.Id) { Errors = e.Errors, Warnings = e.Warnings })
                : source.Read(filter).Select(r => new ExportRow(r.Report, r.Agency, r.Entry.Id) { Errors = r.Entry.Errors, Warnings = r.Entry.Warnings, SettledBy = r.SettledBy });
            int written;
            await using (var stream = File.Create(partial))
                written = await Exporter.WriteAsync(rows, stream, new ExportOptions(format, longFormat, labels), cancel);
            File.Move(partial, output, overwrite: true);
            Console.Error.WriteLine($"{output}: {written} {(longFormat && format != ExportFormat.JsonLines ? "个单元格 cells" : "份报告 reports")}");
            return 0;
        }
        catch (Exception ex) when (ex is ArchiveException or ExportException or IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            Console.Error.WriteLine($"{output}: {ex.Message}");
            return 2;
        }
    }
}
