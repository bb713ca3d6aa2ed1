using System.Security.Cryptography;
using System.Text;
using Nianbao.Domain;
using Nianbao.Domain.Tables;

namespace Nianbao.Checks;

/// <summary>
/// What the checks across years (<see cref="CrossYearChecks"/>) read of a report, and nothing else: its
/// year, its tables' numbers and section 五 as a fingerprint. An archive keeps these for its current
/// versions instead of whole reports (a report with its provenance and findings is ≈ 30 times larger),
/// and can store and read them back without the report's record. Immutable; the tables are the report's own.
/// </summary>
public sealed class CrossYearFacts
{
    public CrossYearFacts(int? year, TableValues? activeDisclosure, TableValues? applications, TableValues? reviewsAndLawsuits, ProblemsFingerprint? problems)
    {
        if (activeDisclosure is { Kind: not TableKind.ActiveDisclosure } || applications is { Kind: not TableKind.Applications }
            || reviewsAndLawsuits is { Kind: not TableKind.ReviewsAndLawsuits })
            throw new ArgumentException("A table is given in the place of another kind.");
        Year = year;
        ActiveDisclosure = activeDisclosure;
        Applications = applications;
        ReviewsAndLawsuits = reviewsAndLawsuits;
        Problems = problems;
    }

    public int? Year { get; }
    public TableValues? ActiveDisclosure { get; }
    public TableValues? Applications { get; }
    public TableValues? ReviewsAndLawsuits { get; }

    /// <summary>Section 五 (主要问题及改进情况) as the copy check compares it; null when the report has no section 五.</summary>
    public ProblemsFingerprint? Problems { get; }

    /// <summary>The tables in the order of <see cref="Report.Tables"/>.</summary>
    public IEnumerable<TableValues> Tables
    {
        get
        {
            if (ActiveDisclosure is not null) yield return ActiveDisclosure;
            if (Applications is not null) yield return Applications;
            if (ReviewsAndLawsuits is not null) yield return ReviewsAndLawsuits;
        }
    }

    public TableValues? Table(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => ActiveDisclosure,
        TableKind.Applications => Applications,
        _ => ReviewsAndLawsuits,
    };

    public static CrossYearFacts Of(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = report.Sections.FirstOrDefault(s => s.Number == 5)?.Text;
        return new(report.Year, report.ActiveDisclosure, report.Applications, report.ReviewsAndLawsuits,
            problems is null ? null : ProblemsFingerprint.Of(problems));
    }
}

/// <summary>
/// Section 五's letters and digits (punctuation, spaces and line breaks aside: what "copied word for word"
/// compares), as their count and their SHA-256: two fingerprints are equal when the texts are.
/// </summary>
public readonly record struct ProblemsFingerprint(int Length, string Sha256)
{
    public static ProblemsFingerprint Of(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text) if (char.IsLetterOrDigit(c)) kept.Append(c);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kept.ToString()));
        return new(kept.Length, Convert.ToBase64String(hash));
    }

    /// <summary>"length:hash", as an archive stores it.</summary>
    public override string ToString() => $"{Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Sha256}";

    public static ProblemsFingerprint? Parse(string? text)
    {
        if (text is null) return null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
            throw new FormatException($"Not a section 五 fingerprint: {text}");
        return new(length, text[(colon + 1)..]);
    }
}
