using System.Globalization;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Synthetic;

/// <summary>How large the generated counts are. Small tables are the common case (townships) and
/// the one where run-together digits can usually be split; large ones stress the solver.</summary>
public enum NumberScale { Small, Mixed, Large }

/// <summary>What to generate. Everything is derived from <see cref="Seed"/>, so a failing case is
/// reproduced from this record alone.</summary>
/// <param name="Blanks">Print some zero cells blank ("", "-", "/", "—", "无"): their truth is null.</param>
/// <param name="HeadingVariants">Use the wording variants real reports print for sections 四 and 五.</param>
public sealed record GenerationSpec(int Seed, ReportTemplate Template, NumberScale Scale, bool Inconsistent, bool Blanks = false, bool HeadingVariants = false)
{
    public override string ToString() =>
        $"seed={Seed} template={Template.ToContractName()} scale={Scale} inconsistent={Inconsistent} blanks={Blanks} headingVariants={HeadingVariants}";
}

/// <summary>
/// A generated report and what a reader must give back: <see cref="Truth"/> holds every number as
/// printed (including a deliberately wrong total when <see cref="AlteredCells"/> is not empty).
/// </summary>
public sealed record GeneratedReport(GenerationSpec Spec, Report Truth, IReadOnlyList<Alteration> Alterations)
{
    public string Title => ReportGenerator.TitleOf(Truth);

    /// <summary>The published totals changed so that their identity fails.</summary>
    public IEnumerable<CellPath> AlteredCells => Alterations.Select(a => a.Path);

    /// <summary>The generation parameters and every non-zero number, compact enough for a failure message.</summary>
    public override string ToString()
    {
        var rows = Truth.Tables.SelectMany(t => t.Schema.Rows.Select(r => (t, r)))
            .Select(p => (p.t, p.r, values: p.r.Fields.Select(f => p.t[p.r.Key, f.Key]).ToList()))
            .Where(p => p.values.Any(v => v is not 0m))
            .Select(p => $"{p.t.Kind.ToContractName()}.{p.r.Key}=[{string.Join(" ", p.values.Select(ReportGenerator.Format))}]");
        var altered = Alterations.Count == 0 ? "" : " altered: " + string.Join(", ", Alterations.Select(a => $"{a.Path}{a.Delta:+0;-0}"));
        return $"{Spec}{altered}; {Truth.Agency} {Truth.Year}; non-zero rows: {string.Join("; ", rows)}";
    }

    /// <summary>The printed form of every cell (money keeps its decimals, a signed change its sign).</summary>
    public string Printed(CellPath path) => ReportGenerator.Format(Truth[path]);
}

/// <summary>A published total changed by <see cref="Delta"/> from the value its identity gives.</summary>
public sealed record Alteration(CellPath Path, decimal Delta);

/// <summary>
/// Random annual reports for the two national templates, consistent by construction: in table 三
/// every row's 总计 is the sum of the six applicant columns, （七）总计 is the sum of the result rows
/// and 一 + 二 = （七） + 四 in every column; in table 四 each group's 总计 is the sum of its parts.
/// With <see cref="GenerationSpec.Inconsistent"/> one published total is changed afterwards, and
/// the changed number is the truth a reader must return (a wrong total is printed, never repaired).
/// Free of test-framework dependencies so a benchmark command can use it too.
/// </summary>
public static class ReportGenerator
{
    private static readonly string[] Places = ["大寨", "白楼", "水池铺", "平潭", "梁园", "睢县", "洪泽", "淮安", "青山", "东湖", "临江", "石门", "望城", "清水河"];
    private static readonly string[] Bodies = ["乡人民政府", "镇人民政府", "街道办事处", "县人民政府", "区商务局", "市科学技术委员会", "县自然资源局", "区卫生健康委员会"];

    public static GeneratedReport Generate(GenerationSpec spec)
    {
        var random = new Random(spec.Seed);
        var schema = TemplateSchema.For(spec.Template) ?? throw new ArgumentException($"no tables for template {spec.Template}");
        var agency = Places[random.Next(Places.Length)] + Bodies[random.Next(Bodies.Length)];
        var year = spec.Template == ReportTemplate.Format2021 ? random.Next(2021, 2026) : random.Next(2019, 2021);
        var report = ReportDraft.Blank(spec.Template, agency, year);
        var numbers = new Numbers(random, spec.Scale);

        FillActiveDisclosure(report.ActiveDisclosure!, numbers);
        FillApplications(report.Applications!, schema.Applications, numbers);
        FillReviews(report.ReviewsAndLawsuits!, numbers);
        AddSections(report, random, spec.HeadingVariants);

        var altered = spec.Inconsistent ? MakeInconsistent(report, random) : [];
        if (spec.Blanks) Blank(report, random);
        return new GeneratedReport(spec, report.Publish(), altered);
    }

    /// <summary>
    /// A copy of <paramref name="generated"/> with <paramref name="edit"/> applied to its data cells,
    /// then every derived total recomputed so the identities hold again, then the same published
    /// totals altered by the same amounts. Used to shrink a failing report to a smaller one.
    /// </summary>
    public static GeneratedReport Rebuild(GeneratedReport generated, Action<ReportDraft> edit, bool keepAlterations = true)
    {
        var copy = Copy(generated.Truth);
        edit(copy);
        Balance(copy);
        var alterations = keepAlterations ? generated.Alterations : [];
        foreach (var a in alterations)
        {
            var table = copy.Table(a.Path.Table)!;
            var value = table[a.Path] ?? 0m;
            table[a.Path] = value + a.Delta >= 0 ? value + a.Delta : value - a.Delta;
        }
        return new GeneratedReport(generated.Spec with { Inconsistent = alterations.Count > 0 }, copy.Publish(), alterations);
    }

    /// <summary>A draft of the report's template with its numbers and sections (and nothing else: no findings, no provenance).</summary>
    public static ReportDraft Copy(Report report)
    {
        var copy = ReportDraft.Blank(report.Template, report.Agency, report.Year);
        foreach (var table in report.Tables)
        {
            var target = copy.Table(table.Kind)!;
            foreach (var (path, value) in table.Cells()) target[path] = value;
        }
        copy.Sections.AddRange(report.Sections);
        return copy;
    }

    /// <summary>Recomputes every total from its parts: row totals, （七）总计, 一 from 四 + （七） − 二, table 四 totals.</summary>
    public static void Balance(ReportDraft report)
    {
        var applications = report.Applications!;
        var resultRows = ApplicationRows.ResultRows(applications.Schema).ToList();
        foreach (var column in ApplicationColumns.Applicants)
        {
            var handled = resultRows.Sum(r => applications[r.Key, column] ?? 0m);
            var forward = applications[ApplicationRows.CarriedForward, column] ?? 0m;
            var over = Math.Min(applications[ApplicationRows.CarriedOver, column] ?? 0m, handled + forward);
            applications[ApplicationRows.TotalHandled, column] = handled;
            applications[ApplicationRows.CarriedOver, column] = over;
            applications[ApplicationRows.Received, column] = handled + forward - over;
        }
        foreach (var row in applications.Schema.Rows)
            applications[row.Key, ApplicationColumns.Total] = ApplicationColumns.Applicants.Sum(c => applications[row.Key, c] ?? 0m);
        var reviews = report.ReviewsAndLawsuits!;
        foreach (var row in reviews.Schema.Rows)
            reviews[row.Key, ReviewColumns.Total] = ReviewColumns.Parts.Sum(p => reviews[row.Key, p] ?? 0m);
    }

    public static string TitleOf(Report report) => $"{report.Agency}{report.Year}年政府信息公开工作年度报告";

    /// <summary>A value as a report prints it.</summary>
    public static string Format(decimal? value) =>
        value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

    private sealed class Numbers(Random random, NumberScale scale)
    {
        public Random Random { get; } = random;

        /// <summary>A count: many zeros, many small numbers, some large ones (by scale).</summary>
        public int Count()
        {
            var roll = Random.NextDouble();
            return scale switch
            {
                NumberScale.Small => roll < 0.55 ? 0 : roll < 0.95 ? Random.Next(1, 4) : Random.Next(4, 10),
                NumberScale.Mixed => roll < 0.4 ? 0 : roll < 0.8 ? Random.Next(1, 10) : Random.Next(10, 1000),
                _ => roll < 0.2 ? 0 : roll < 0.4 ? Random.Next(1, 10) : Random.Next(10, 100_000),
            };
        }

        /// <summary>Money in 万元 with up to four decimals, printed without trailing zeros.</summary>
        public decimal Money()
        {
            if (Random.NextDouble() < 0.3) return 0m;
            var decimals = Random.Next(0, 5);
            var units = Random.Next(1, scale == NumberScale.Small ? 1000 : 10_000_000);
            var value = units / (decimal)Math.Pow(10, decimals);
            return decimal.Parse(value.ToString("0.####", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        public int Signed(int previous) => Random.Next(-Math.Min(previous, 20), 21);
    }

    private static void FillActiveDisclosure(TableDraft table, Numbers n)
    {
        foreach (var row in table.Schema.Rows)
        {
            switch (row.Key)
            {
                case "regulations" or "normativeDocuments" when row.Fields[0].Key == "issued":
                    var inForce = n.Count();
                    table[row.Key, "issued"] = Math.Min(n.Count(), inForce);
                    table[row.Key, "repealed"] = n.Count();
                    table[row.Key, "inForce"] = inForce;
                    break;
                case "regulations" or "normativeDocuments":
                    var made = n.Count();
                    table[row.Key, "made"] = made;
                    table[row.Key, "published"] = Math.Min(made, n.Count());
                    table[row.Key, "totalPublished"] = made + n.Count();
                    break;
                case "fees" when row.Fields[0].Key == "amountWanYuan":
                    table[row.Key, "amountWanYuan"] = n.Money();
                    break;
                case "procurement":
                    table[row.Key, "projects"] = n.Count();
                    table[row.Key, "amount"] = n.Money();
                    // The unit is printed in the header, or (a third of the time) not at all.
                    var unit = n.Random.Next(3) switch { 0 => "元", 1 => "万元", _ => null };
                    if (unit is not null) table.SetUnit(row.Key, "amount", unit);
                    break;
                default:
                    // 2021 decisions; 2019 previousItems / change (signed) / decisions.
                    var previous = n.Count();
                    foreach (var field in row.Fields)
                        table[row.Key, field.Key] = field.Key switch
                        {
                            "previousItems" => previous,
                            "change" => n.Signed(previous),
                            _ => n.Count(),
                        };
                    break;
            }
        }
    }

    private static void FillApplications(TableDraft table, TableSchema schema, Numbers n)
    {
        var resultRows = ApplicationRows.ResultRows(schema).ToList();
        foreach (var column in ApplicationColumns.Applicants)
        {
            var handled = 0;
            foreach (var row in resultRows)
            {
                var v = n.Count();
                table[row.Key, column] = v;
                handled += v;
            }
            var forward = n.Count();
            var over = n.Random.Next(0, Math.Min(handled + forward, 50) + 1);
            if (n.Random.NextDouble() < 0.4) over = 0;
            table[ApplicationRows.TotalHandled, column] = handled;
            table[ApplicationRows.CarriedForward, column] = forward;
            table[ApplicationRows.CarriedOver, column] = over;
            table[ApplicationRows.Received, column] = handled + forward - over;
        }
        foreach (var row in schema.Rows)
            table[row.Key, ApplicationColumns.Total] = ApplicationColumns.Applicants.Sum(c => table[row.Key, c]!.Value);
    }

    private static void FillReviews(TableDraft table, Numbers n)
    {
        foreach (var row in table.Schema.Rows)
        {
            var sum = 0;
            foreach (var part in ReviewColumns.Parts)
            {
                // Reviews and lawsuits are rare: keep most of them small even in large tables.
                var v = n.Random.NextDouble() < 0.5 ? 0 : Math.Min(n.Count(), 999);
                table[row.Key, part] = v;
                sum += v;
            }
            table[row.Key, ReviewColumns.Total] = sum;
        }
    }

    /// <summary>Some zero cells are printed blank; a blank is null, never 0, and adds nothing to a sum.</summary>
    private static void Blank(ReportDraft report, Random random)
    {
        foreach (var table in report.Tables)
        foreach (var (path, value) in table.Cells().ToList())
            if (value == 0m && random.NextDouble() < 0.35) table[path] = null;
    }

    /// <summary>Headings real reports print instead of the national wording (domain.md).</summary>
    private static readonly Dictionary<int, string[]> TitleVariants = new()
    {
        [4] = ["因政府信息公开工作被申请行政复议、提起行政诉讼情况", "政府信息公开行政复议、行政诉讼情况"],
        [5] = ["存在主要问题及改进情况", "存在的主要问题及改进措施"],
    };

    private static void AddSections(ReportDraft report, Random random, bool headingVariants)
    {
        var year = report.Year!.Value;
        var released = random.Next(5, 900);
        string[] first =
        [
            $"本年度{report.Agency}认真贯彻落实政府信息公开条例，共主动公开政府信息{released}条，统计期限为{year}年1月1日至12月31日。",
            $"{year}年，本机关坚持以公开为常态、不公开为例外，全年主动公开各类信息{released}条。",
        ];
        string[] fifth =
        [
            "政务公开的主动性还不够强，下一步将加强培训，完善信息发布审核机制。",
            "部分栏目更新不够及时，今后将健全长效工作机制，提升公开质量。",
        ];
        string[] sixth =
        [
            "本年度未收取信息处理费。",
            $"本年度共收取信息处理费{random.Next(0, 3)}次，未发现其他需要报告的事项。",
        ];
        var texts = new[]
        {
            first[random.Next(first.Length)],
            "本机关主动公开政府信息情况见下表。",
            "本机关收到和处理政府信息公开申请情况见下表。",
            "本机关政府信息公开行政复议、行政诉讼情况见下表。",
            fifth[random.Next(fifth.Length)],
            sixth[random.Next(sixth.Length)],
        };
        foreach (var section in StatutorySections.All)
        {
            var title = headingVariants && TitleVariants.TryGetValue(section.Number, out var variants) ? variants[random.Next(variants.Length)] : section.Title;
            report.Sections.Add(new Section(section.Number, title, texts[section.Number - 1]));
        }
    }

    /// <summary>Changes one published total so that its identity fails; returns the change.</summary>
    private static List<Alteration> MakeInconsistent(ReportDraft report, Random random)
    {
        var applications = report.Applications!;
        var candidates = new List<CellPath>();
        foreach (var row in applications.Schema.Rows)
            candidates.Add(new CellPath(TableKind.Applications, row.Key, ApplicationColumns.Total));
        foreach (var column in ApplicationColumns.Applicants)
            candidates.Add(new CellPath(TableKind.Applications, ApplicationRows.TotalHandled, column));
        foreach (var row in ReviewRows.All)
            candidates.Add(new CellPath(TableKind.ReviewsAndLawsuits, row.Key, ReviewColumns.Total));
        var path = candidates[random.Next(candidates.Count)];
        var table = report.Table(path.Table)!;
        var value = table[path] ?? 0m;
        decimal delta = random.Next(1, 6);
        if (value >= delta && random.Next(2) == 0) delta = -delta;
        table[path] = value + delta;
        return [new Alteration(path, delta)];
    }
}
