using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;
using Nianbao.Rendering.Layout;
using Nianbao.Server.Accounts;
using Nianbao.Server.Authoring;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages.Author;

/// <summary>
/// 填报: the author's form. The three tables are laid out by <see cref="NationalTables"/> (the same
/// layout the rendered report prints) once for every national format of the template definition;
/// the format for the form's year (<see cref="AuthorFormReader.SchemaFor"/>) is shown and posted, the
/// others are hidden and disabled, and the page's script switches when the year crosses into another
/// format's years (read from the page's data-first-year/data-last-year, written from the schema: no
/// year is written in the page). Each value cell is an input named <c>cell:PATH</c>; the optional
/// fee-collection table's three cells are <c>fee:KEY</c>; the six sections are text areas named
/// <c>section:N</c>. The script posts the form (with its anti-forgery token) to the Check handler as
/// the author types and shows the findings on their cells; Submit stores the report, Download
/// returns DOCX/PDF.
/// </summary>
[Authorize(Policy = Policies.Author)]
// The form posts ~200 fields (one per cell, six sections); the server-wide limit is set for uploads.
[RequestFormLimits(ValueCountLimit = 1024, ValueLengthLimit = 1024 * 1024)]
public sealed class AuthorFormModel : NianbaoPage
{
    public const string CellPrefix = "cell:";
    public const string SectionPrefix = "section:";
    public const string FeePrefix = "fee:";
    public const string UnitPrefix = "unit:";

    public string? Agency { get; private set; }
    public int Year { get; private set; } = DateTime.Today.Year - 1;
    public string? PublishedOn { get; private set; }
    public Dictionary<string, string?> Values { get; private set; } = [];
    public Dictionary<string, string?> Sections { get; private set; } = [];
    public Dictionary<string, string?> Fees { get; private set; } = [];
    public Dictionary<string, string?> Units { get; private set; } = [];
    /// <summary>An author files for their own agency only: the name is shown, not asked.</summary>
    public bool AgencyFixed => Access.Role == Roles.Author;
    public IReadOnlyList<string> KnownAgencies { get; private set; } = [];
    public FormSubmission? Submission { get; private set; }
    public FormCheck? Checked { get; private set; }
    public string? Problem { get; private set; }
    public string? StartedFrom { get; private set; }
    /// <summary>The agency's report of the year before, to start the form from (authors).</summary>
    public Nianbao.Archive.ReportEntry? PreviousYear { get; private set; }

    /// <summary>Every national format's three tables, newest first, as the form lays them out.</summary>
    public static IEnumerable<(TemplateSchema Schema, IReadOnlyList<TableLayout> Tables)> Formats =>
        TemplateSchema.All.Select(s => (s, (IReadOnlyList<TableLayout>)s.Tables.Select(t => NationalTables.For(TableValues.Empty(t))).ToList()));

    /// <summary>The format the form shows for its year.</summary>
    public TemplateSchema Schema => AuthorFormReader.SchemaFor(Year);

    public static IReadOnlyList<StatutorySections.SectionSchema> SectionSchemas => StatutorySections.All;

    public static string TableTitle(TableKind kind) => kind switch
    {
        TableKind.ActiveDisclosure => "二、主动公开政府信息情况",
        TableKind.Applications => "三、收到和处理政府信息公开申请情况",
        _ => "四、政府信息公开行政复议、行政诉讼情况",
    };

    /// <summary>The empty form, or one started from a report the account can see (<c>from</c>: its id).</summary>
    public void OnGet(int? year, string? from)
    {
        using var store = OpenStore();
        Load(store);
        if (year is { } y) Year = y;
        if (from is { Length: > 0 } && store.FindReport(from) is { } entry && Access.CanSee(entry))
        {
            var report = store.LoadReport(entry.Id);
            foreach (var table in report.Tables)
                foreach (var (path, value) in table.Cells())
                {
                    if (Schema.Table(path.Table).Field(path) is not { } field) continue;
                    if (value is { } v) Values[path.ToString()] = v.ToString(CultureInfo.InvariantCulture);
                    if (field.UnitKey is not null && table.UnitOf(path.Row, path.Field) is { } unit) Units[path.ToString()] = unit;
                }
            foreach (var s in report.Sections) Sections[s.Number.ToString(CultureInfo.InvariantCulture)] = s.Text;
            if (report.FeeCollection is { } fee)
                for (var i = 0; i < FeeCollection.Columns.Count; i++)
                    Fees[FeeCollection.Columns[i].Key] = fee.Values[i]?.ToString(CultureInfo.InvariantCulture);
            if (!AgencyFixed) Agency = entry.Agency ?? entry.AgencyPrinted;
            StartedFrom = $"{entry.Agency ?? entry.AgencyPrinted} {entry.Year}年";
        }
        else if (AgencyFixed && Agency is not null && store.CurrentReport(Agency, Year - 1) is { } previous && Access.CanSee(previous))
            PreviousYear = previous;
    }

    /// <summary>Live check: the findings of the form as it stands, in Chinese, with their cells.</summary>
    public IActionResult OnPostCheck()
    {
        var service = HttpContext.RequestServices.GetRequiredService<AuthorService>();
        return new JsonResult(service.Check(FormOf(Request.Form), Access));
    }

    public IActionResult OnPostSubmit()
    {
        var form = FormOf(Request.Form);
        using (var store = OpenStore()) Load(store);
        Keep(form);
        var service = HttpContext.RequestServices.GetRequiredService<AuthorService>();
        try { Submission = service.Submit(form, Access); }
        catch (AuthorFormException ex)
        {
            Problem = ex.Message;
            Response.StatusCode = ex.Status == StatusCodes.Status403Forbidden ? ex.Status : StatusCodes.Status422UnprocessableEntity;
        }
        Checked = service.Check(form, Access);
        return Page();
    }

    public IActionResult OnPostDownload(string? format)
    {
        var form = FormOf(Request.Form);
        var service = HttpContext.RequestServices.GetRequiredService<AuthorService>();
        try
        {
            var (bytes, type, name) = service.Render(form, Access, format ?? "docx");
            return File(bytes, type, name);
        }
        catch (AuthorFormException ex)
        {
            using (var store = OpenStore()) Load(store);
            Keep(form);
            Problem = ex.Message;
            Response.StatusCode = ex.Status;
            return Page();
        }
    }

    /// <summary>The form's fields as the service reads them (unknown fields are ignored; the service checks the cells).</summary>
    public static AuthorForm FormOf(IFormCollection form)
    {
        var cells = new Dictionary<string, string?>();
        var sections = new Dictionary<string, string?>();
        var fees = new Dictionary<string, string?>();
        var units = new Dictionary<string, string?>();
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(CellPrefix, StringComparison.Ordinal)) cells[key[CellPrefix.Length..]] = value.ToString();
            else if (key.StartsWith(SectionPrefix, StringComparison.Ordinal)) sections[key[SectionPrefix.Length..]] = value.ToString();
            else if (key.StartsWith(FeePrefix, StringComparison.Ordinal)) fees[key[FeePrefix.Length..]] = value.ToString();
            else if (key.StartsWith(UnitPrefix, StringComparison.Ordinal)) units[key[UnitPrefix.Length..]] = value.ToString();
        }
        return new AuthorForm
        {
            Agency = form["agency"].ToString(),
            Year = int.TryParse(form["year"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
            PublishedOn = form["publishedOn"].ToString(),
            Cells = cells,
            Sections = sections,
            FeeCollection = fees,
            Units = units,
        };
    }

    private void Load(Nianbao.Archive.ArchiveStore store)
    {
        if (AgencyFixed) Agency = AuthorService.AgencyFor(Access, store, null);
        else KnownAgencies = store.Agencies().Select(a => a.Name).Order(StringComparer.Ordinal).Take(2000).ToList();
    }

    private void Keep(AuthorForm form)
    {
        if (!AgencyFixed) Agency = form.Agency;
        if (form.Year is { } y) Year = y;
        PublishedOn = form.PublishedOn;
        Values = form.Cells;
        Sections = form.Sections;
        Fees = form.FeeCollection;
        Units = form.Units;
    }

    /// <summary>
    /// A table of the form: the national layout of <paramref name="schema"/> with an input in every value
    /// cell, disabled (not posted) unless it is the format of the form's year.
    /// </summary>
    public IHtmlContent Grid(TemplateSchema schema, TableLayout layout) => LayoutGrid.Render(layout, cell =>
    {
        var e = HtmlEncoder.Default;
        var path = cell.Path!.Value;
        var mode = cell.Kind == ValueKind.Money ? "decimal" : "numeric";
        var disabled = schema == Schema ? "" : " disabled";
        var label = e.Encode(AuthorFormReader.CellLabel(path, schema.Table(path.Table)));
        var html = $"<input class=\"cell\" name=\"{CellPrefix}{e.Encode(path.ToString())}\" value=\"{e.Encode(ValueOf(path))}\" inputmode=\"{mode}\" autocomplete=\"off\" aria-label=\"{label}\"{disabled} />";
        // A money column whose unit the format leaves to the report (2019 采购总金额): 元 or 万元 beside the number.
        if (schema.Table(path.Table).Field(path)?.UnitKey is not null)
        {
            var unit = Units.GetValueOrDefault(path.ToString());
            var options = string.Concat(new[] { ("", "单位"), ("元", "元"), ("万元", "万元") }.Select(o =>
                $"<option value=\"{e.Encode(o.Item1)}\"{(o.Item1 == (unit ?? "") ? " selected" : "")}>{e.Encode(o.Item2)}</option>"));
            html += $"<select class=\"unit\" name=\"{UnitPrefix}{e.Encode(path.ToString())}\" aria-label=\"{label} 的单位\"{disabled}>{options}</select>";
        }
        return new GridValue(new HtmlString(html));
    }, "form-table", TableId(schema, layout.Kind));

    /// <summary>The id of a format's table on the page, e.g. <c>table-2019-applications</c>.</summary>
    public static string TableId(TemplateSchema schema, TableKind kind) => $"table-{schema.Template.ToContractName()}-{kind.ToContractName()}";

    public string FeeOf(string key) => Fees.GetValueOrDefault(key) ?? "";

    public string ValueOf(CellPath? path) => path is { } p ? Values.GetValueOrDefault(p.ToString()) ?? "" : "";

    public string SectionOf(int number) => Sections.GetValueOrDefault(number.ToString(CultureInfo.InvariantCulture)) ?? "";
}
