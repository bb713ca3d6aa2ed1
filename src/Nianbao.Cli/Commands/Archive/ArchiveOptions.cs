using System.CommandLine;
using Nianbao.Archive;

namespace Nianbao.Cli.Commands.Archive;

/// <summary>Options every archive command shares: where the archive is, and which reports.</summary>
internal static class ArchiveOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = "档案库 The archive: an SQLite file (default nianbao.db in this folder, or NIANBAO_DB) or a PostgreSQL connection string (Host=…;Database=…;Username=…).",
    };

    /// <summary>The report filters of <c>reports</c>, <c>reparse</c> and the commands built on them.</summary>
    public sealed class Filters
    {
        public Option<string?> Agency { get; } = new("--agency") { Description = "机关 Agency id or part of its name." };
        public Option<int?> Year { get; } = new("--year") { Description = "年度 Report year." };
        public Option<int?> From { get; } = new("--from") { Description = "From this year on." };
        public Option<int?> To { get; } = new("--to") { Description = "Up to this year." };
        public Option<string?> Region { get; } = new("--region") { Description = "地区 Region code (统计用区划代码) or exact name: agencies placed in it or below." };
        public Option<string?> Template { get; } = new("--template") { Description = "Template: 2021, 2019, legacy, unknown." };
        public Option<string?> Rule { get; } = new("--rule") { Description = "Only reports with a finding of this rule (e.g. T3-5)." };
        public Option<bool> Errors { get; } = new("--errors") { Description = "Only reports with an error-level finding." };
        public Option<bool> History { get; } = new("--history") { Description = "Also superseded versions (default: current versions only)." };

        public IEnumerable<Option> All => [Agency, Year, From, To, Region, Template, Rule, Errors, History];

        public void AddTo(Command command)
        {
            foreach (var option in All) command.Options.Add(option);
        }

        public ReportFilter Read(ParseResult r) => new()
        {
            Agency = r.GetValue(Agency), Year = r.GetValue(Year), FromYear = r.GetValue(From), ToYear = r.GetValue(To),
            Region = r.GetValue(Region), Template = r.GetValue(Template), Rule = r.GetValue(Rule),
            WithErrors = r.GetValue(Errors), IncludeHistory = r.GetValue(History),
        };

        public bool AnyGiven(ParseResult r) => All.Any(o => r.GetResult(o) is { Implicit: false });
    }

    /// <summary>Opens the archive, or prints the problem and returns null (exit code 2 for the caller).</summary>
    public static ArchiveStore? TryOpen(string? db)
    {
        try { return ArchiveStore.Open(db); }
        catch (ArchiveException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }
}
