using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Nianbao.Documents;

namespace Nianbao.Cli.Commands;

/// <summary>
/// <c>--limit NAME=VALUE</c> (repeatable) of every command that reads files: raises or lowers one of the
/// readers' <see cref="ReadLimits"/> for this run, by its documented property name (docs/reliability.md).
/// The names are taken from <see cref="ReadLimits"/> itself, so a limit added there is settable here.
/// </summary>
internal static partial class LimitOption
{
    public static Option<string[]> Create()
    {
        var option = new Option<string[]>("--limit")
        {
            Description = "调整读取上限 | Raise or lower a reading limit for this run, e.g. --limit MaxFileBytes=268435456 --limit MaxReadTime=120 (seconds). Names: "
                + string.Join(", ", Settable.Select(p => p.Name)) + ".",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
                if (TryApply(ReadLimits.Default, text, out _, out var problem) is false) result.AddError(problem!);
        });
        return option;
    }

    /// <summary>The limits of the run: the defaults with each <c>NAME=VALUE</c> applied (already validated).</summary>
    public static ReadLimits Apply(string[]? settings)
    {
        var limits = ReadLimits.Default;
        foreach (var text in settings ?? [])
            if (TryApply(limits, text, out var next, out var problem)) limits = next!;
            else throw new ArgumentException(problem);
        return limits;
    }

    private static IReadOnlyList<PropertyInfo> Settable { get; } = typeof(ReadLimits)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && (p.PropertyType == typeof(int) || p.PropertyType == typeof(long) || p.PropertyType == typeof(TimeSpan)))
        .OrderBy(p => p.MetadataToken)
        .ToList();

    internal static bool TryApply(ReadLimits limits, string text, out ReadLimits? applied, out string? problem)
    {
        applied = null;
        var match = Setting().Match(text);
        if (!match.Success)
        {
            problem = $"--limit {text}: 格式应为 名称=正整数（秒数用于时间） (expected NAME=POSITIVE-WHOLE-NUMBER, seconds for a time)";
            return false;
        }
        var property = Settable.FirstOrDefault(p => string.Equals(p.Name, match.Groups["name"].Value, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            problem = $"--limit {text}: 没有这个上限 (no such limit); 可用 (known): {string.Join(", ", Settable.Select(p => p.Name))}";
            return false;
        }
        if (!long.TryParse(match.Groups["value"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0
            || (property.PropertyType == typeof(int) && value > int.MaxValue)
            || (property.PropertyType == typeof(TimeSpan) && value > (long)TimeSpan.MaxValue.TotalSeconds))
        {
            problem = $"--limit {text}: 数值超出范围 (the value is out of range for {property.Name})";
            return false;
        }
        // `with { }` makes the copy; the init-only setter is then called on that fresh copy only.
        var copy = limits with { };
        object boxed = property.PropertyType == typeof(int) ? (int)value : property.PropertyType == typeof(long) ? value : TimeSpan.FromSeconds(value);
        property.SetValue(copy, boxed);
        applied = copy;
        problem = null;
        return true;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)=(?<value>[0-9]{1,19})$")]
    private static partial Regex Setting();
}
