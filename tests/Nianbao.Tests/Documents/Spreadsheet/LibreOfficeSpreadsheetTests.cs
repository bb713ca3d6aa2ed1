using Nianbao.Documents.Office;
using Nianbao.Domain;
using Nianbao.Recognition;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using Nianbao.Tests.Documents.Docx;
using Nianbao.Tests.Rendering;

using Nianbao.Tests.Support;

namespace Nianbao.Tests.Documents.Spreadsheet;

/// <summary>
/// Workbooks of the three national tables (our <see cref="WorkbookWriter"/>) saved again by the real
/// LibreOffice Calc, as Excel 97–2003 .xls and as .xlsx: real writers' shared strings, styles, merged
/// ranges and number formats, read back through the whole pipeline.
/// </summary>
public sealed class LibreOfficeWorkbooks : IDisposable
{
    private readonly TempFolder _folder = new("nianbao-lo-xls-");
    private string _work => _folder.Path;

    public static readonly GenerationSpec[] Specs =
    [
        new(9101, ReportTemplate.Format2021, NumberScale.Large, Inconsistent: true),
        new(9102, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: false, Blanks: true),
        new(9103, ReportTemplate.Format2019, NumberScale.Large, Inconsistent: false, Blanks: true),
        new(9104, ReportTemplate.Format2019, NumberScale.Small, Inconsistent: true),
    ];

    public LibreOfficeWorkbooks()
    {
        foreach (var spec in Specs)
        {
            Generated[spec.Seed] = ReportGenerator.Generate(spec);
            File.WriteAllBytes(Path.Combine(_work, $"{spec.Seed}.xlsx"), new WorkbookWriter().Write(Generated[spec.Seed].Truth));
        }
        foreach (var format in new[] { "xls", "xlsx" })
        {
            var outDir = Path.Combine(_work, format);
            ExternalTools.LibreOffice("libreoffice-calc-nogui", _work, format, outDir, Specs.Select(s => Path.Combine(_work, $"{s.Seed}.xlsx")));
            foreach (var spec in Specs)
            {
                var file = Path.Combine(outDir, $"{spec.Seed}.{format}");
                Assert.True(File.Exists(file), $"soffice wrote no {file} (is libreoffice-calc-nogui installed?)");
                Saved[(spec.Seed, format)] = File.ReadAllBytes(file);
            }
        }
    }

    public Dictionary<int, GeneratedReport> Generated { get; } = new();
    public Dictionary<(int Seed, string Format), byte[]> Saved { get; } = new();

    public void Dispose() => _folder.Dispose();
}

[Collection(LibreOfficeCollection.Name)]
[Trait("Category", "EndToEnd")]
public class LibreOfficeSpreadsheetTests(LibreOfficeWorkbooks files) : IClassFixture<LibreOfficeWorkbooks>
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var spec in LibreOfficeWorkbooks.Specs)
            foreach (var format in new[] { "xls", "xlsx" })
                data.Add(spec.Seed, format);
        return data;
    }

    [Fact]
    public void LibreOffice_really_wrote_binary_xls()
    {
        // Guards the .xls cases: an OLE compound file with a Workbook stream, not a renamed ZIP.
        foreach (var spec in LibreOfficeWorkbooks.Specs)
            Assert.Equal(OfficeKind.OleExcel, OfficeContainer.Sniff(files.Saved[(spec.Seed, "xls")]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_cell_reads_back_as_printed(int seed, string format)
    {
        var generated = files.Generated[seed];
        var truth = generated.Truth;

        var read = ReportPipeline.Default.Read(files.Saved[(seed, format)], $"{seed}.{format}");

        Assert.Equal(truth.Template, read.Template);
        var mismatches = truth.Tables.SelectMany(t => t.Cells()).Where(c => read[c.Path] != c.Value)
            .Select(c => $"{c.Path}: wrote {c.Value?.ToString() ?? "blank"}, read {read[c.Path]?.ToString() ?? "null"}").ToList();
        Assert.True(mismatches.Count == 0, $"{generated.Spec} .{format}: {mismatches.Count} cells differ:\n" + string.Join("\n", mismatches.Take(20)));
        Assert.Equal(truth.ActiveDisclosure!.UnitOf("procurement", "amount"), read.ActiveDisclosure!.UnitOf("procurement", "amount"));
        foreach (var altered in generated.AlteredCells)
            Assert.Contains(read.Findings, f => f.Severity == Domain.Findings.Severity.Error && f.Cells.Contains(altered));
    }
}
