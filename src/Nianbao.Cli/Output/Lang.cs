using System.CommandLine;
using Nianbao.Domain.Findings;

namespace Nianbao.Cli.Output;

/// <summary>
/// The language of what nianbao tells its user: <c>--lang zh|en</c>, else the environment. The first
/// of LC_ALL, LC_MESSAGES and LANG that is set decides: a value starting with <c>zh</c> means Chinese,
/// any other value (en_US.UTF-8, C, C.UTF-8, POSIX) English — a C locale is a machine's or a script's
/// setting, and scripts want stable English. With none of them set, Chinese: the users are Chinese.
/// Rule ids, cell paths and the JSON are the same in both languages.
/// </summary>
internal static class Lang
{
    public static readonly Option<string?> Option = new("--lang")
    {
        Description = "消息语言 zh 或 en（默认取自 LC_ALL / LC_MESSAGES / LANG）| Language of messages: zh or en (default from LC_ALL / LC_MESSAGES / LANG).",
        Recursive = true,
    };

    static Lang() => Option.AcceptOnlyFromAmong("zh", "en");

    /// <summary>The language of this run; set once from the command line before a command runs.</summary>
    public static MessageLanguage Current { get; private set; } = FromEnvironment();

    public static bool Zh => Current == MessageLanguage.Zh;

    public static void Set(string? option)
    {
        if (option is not null) Current = option == "zh" ? MessageLanguage.Zh : MessageLanguage.En;
    }

    public static MessageLanguage FromEnvironment()
    {
        foreach (var name in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value)) continue;
            return value.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? MessageLanguage.Zh : MessageLanguage.En;
        }
        return MessageLanguage.Zh;
    }

    /// <summary>The Chinese or the English of a message, as the run's language says.</summary>
    public static string T(string zh, string en) => Zh ? zh : en;

    public static string Message(Finding finding) => FindingMessages.Text(finding, Current);

    public static string Severity(Severity severity) => severity switch
    {
        Domain.Findings.Severity.Error => T("错误", "error"),
        Domain.Findings.Severity.Warning => T("警告", "warning"),
        _ => T("提示", "info"),
    };
}
