using System.Text.RegularExpressions;
using Nianbao.Documents;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;

namespace Nianbao.Cli.Output;

/// <summary>
/// Why an input has no report, in the run's language: the file as given, a colon, the problem. A report
/// record that is wrong names its field (template, year, schemaVersion, an unknown key) in both languages.
/// </summary>
internal static partial class Problems
{
    public static string Of(ReadOutcome outcome)
    {
        var error = outcome.Error;
        if (error is DocumentReadException read)
        {
            if (read.InnerException is ReportRecordException record)
                return Lang.T($"{outcome.Name}：年报记录有误：{RecordZh(record)}", $"{outcome.Name}: the report record is wrong: {record.Message}");
            return $"{outcome.Name}: {Lang.T(read.ProblemChinese, read.Problem)}";
        }
        return outcome.Kind switch
        {
            OutcomeKind.TookTooLong => Lang.T($"{outcome.Name}：读取超时，已放弃", outcome.Reason ?? $"{outcome.Name}: took too long"),
            OutcomeKind.NotAReport => Lang.T($"{outcome.Name}：不是政府信息公开工作年度报告", $"{outcome.Name}: not an annual report"),
            _ => outcome.Reason ?? Lang.T($"{outcome.Name}：无法读取", $"{outcome.Name}: cannot be read"),
        };
    }

    /// <summary>The record's problem in Chinese: the field named, the usual problems said in Chinese, others quoted.</summary>
    private static string RecordZh(ReportRecordException record)
    {
        var p = record.Problem;
        var zh = p switch
        {
            _ when p.StartsWith("unknown field", StringComparison.Ordinal) => "未知字段（年报记录没有这个字段）",
            _ when VersionProblem().Match(p) is { Success: true } m => $"不支持版本 {m.Groups[1].Value}；本程序读取版本 {m.Groups[2].Value}",
            _ when p.Contains("is not a template", StringComparison.Ordinal) => $"{p.Split(" is not", 2)[0]} 不是已知的格式；应为 2021、2019、legacy 或 unknown",
            _ when p.StartsWith("missing; one of 2021", StringComparison.Ordinal) => "缺少格式；应为 2021、2019、legacy 或 unknown",
            _ when p.Contains("is not a reporting year", StringComparison.Ordinal) => $"{p.Split(" is not", 2)[0]} 不是报告年度；应为整数年份（如 2023）或 null",
            _ when p.Contains("is not a date", StringComparison.Ordinal) => $"{p.Split(" is not", 2)[0]} 不是日期；应写作 yyyy-MM-dd",
            _ when p.Contains("is not a whole number", StringComparison.Ordinal) => $"{p.Split(" is not", 2)[0]} 不是整数（件数）",
            _ when p.Contains("is negative", StringComparison.Ordinal) => $"{p.Split(" is negative", 2)[0]} 为负数（件数不能为负）",
            _ => p,
        };
        return record.Field.Length == 0 ? zh : $"字段 {record.Field}：{zh}";
    }

    [GeneratedRegex(@"version (\S+) is not supported; this Nianbao reads version (\S+)")]
    private static partial Regex VersionProblem();
}
