using System.CommandLine;
using System.Globalization;

namespace Nianbao.Cli.Commands.Analysis;

/// <summary>
/// The <c>--year</c> of <c>summary</c> and <c>missing</c>: one year or a range (2021-2024), one option and one
/// message for both so that they never disagree on what a year range is.
/// </summary>
internal static class YearsOption
{
    public static Option<string> Create() => new("--year") { Description = "年度 Year, or a range 2021-2024.", Required = true };

    /// <summary>The years of <paramref name="text"/>; else the problem is printed and false returned (exit code 2 for the caller).</summary>
    public static bool TryRead(string text, out int from, out int to)
    {
        if (TryParse(text, out from, out to)) return true;
        Console.Error.WriteLine($"--year {text}: 应为年份（2024）或年份范围（2021-2024） (a year or a range of years).");
        return false;
    }

    private static bool TryParse(string text, out int from, out int to)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        from = to = 0;
        if (parts.Length is < 1 or > 2 || !parts.All(p => p.Length == 4 && p.All(char.IsAsciiDigit))) return false;
        from = int.Parse(parts[0], CultureInfo.InvariantCulture);
        to = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        return from <= to;
    }
}
