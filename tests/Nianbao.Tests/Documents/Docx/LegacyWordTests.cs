using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Office;
using Nianbao.Domain;
using Nianbao.Recognition;
using Nianbao.Rendering;
using Nianbao.Tests.Rendering;
using RenderingSamples = Nianbao.Tests.Rendering.SampleReports;

using Nianbao.Tests.Support;

namespace Nianbao.Tests.Documents.Docx;

/// <summary>
/// Tests that change PATH to put a stand-in soffice first, and tests that need the real one, must not
/// run at the same time: LibreOfficeConverter finds soffice on PATH.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LibreOfficeCollection
{
    public const string Name = "LibreOffice on PATH";
}

/// <summary>
/// Real legacy Word files: reports rendered as DOCX by our renderer, saved as Word 97–2003 .doc by
/// LibreOffice, then read back through the whole pipeline (which has LibreOffice convert them to
/// DOCX again). Both conversions are LibreOffice's own, so merged cells, list numbering and split
/// runs arrive as a real converter writes them. One soffice run makes both .doc files.
/// </summary>
public sealed class LegacyWordFiles : IDisposable
{
    private readonly TempFolder _folder = new("nianbao-legacy-word-");
    private string _work => _folder.Path;

    public LegacyWordFiles()
    {
        foreach (var template in new[] { ReportTemplate.Format2021, ReportTemplate.Format2019 })
        {
            var draft = RenderingSamples.Random(template, 501 + (int)template).ToDraft();
            draft.Applications!["rejectedExcessive", "research"] = null;
            var report = draft.Publish();
            Reports[template] = report;
            File.WriteAllBytes(Path.Combine(_work, Name(template) + ".docx"), ReportRenderers.For("docx").Render(report));
        }
        File.WriteAllBytes(Path.Combine(_work, "numbered.docx"), DocxReaderTests.NumberedDocument());
        var outDir = Path.Combine(_work, "doc");
        ExternalTools.LibreOffice("libreoffice-writer-nogui", _work, "doc", outDir,
            [.. Reports.Keys.Select(t => Path.Combine(_work, Name(t) + ".docx")), Path.Combine(_work, "numbered.docx")]);
        foreach (var template in Reports.Keys)
        {
            var doc = Path.Combine(outDir, Name(template) + ".doc");
            Assert.True(File.Exists(doc), $"soffice wrote no {doc}");
            Docs[template] = File.ReadAllBytes(doc);
        }
        Numbered = File.ReadAllBytes(Path.Combine(outDir, "numbered.doc"));
    }

    public Dictionary<ReportTemplate, Report> Reports { get; } = new();
    public Dictionary<ReportTemplate, byte[]> Docs { get; } = new();
    /// <summary><see cref="DocxReaderTests.NumberedDocument"/> as a .doc: headings numbered by Word's automatic numbering.</summary>
    public byte[] Numbered { get; }

    private static string Name(ReportTemplate template) => "report-" + template.ToContractName();

    public void Dispose() => _folder.Dispose();
}

[Collection(LibreOfficeCollection.Name)]
[Trait("Category", "EndToEnd")]
public class LegacyWordTests(LegacyWordFiles files)
    : IClassFixture<LegacyWordFiles>
{
    public static TheoryData<ReportTemplate, string> Cases() => new()
    {
        { ReportTemplate.Format2021, "report.doc" },
        { ReportTemplate.Format2019, "report.doc" },
        // Kingsoft WPS saves the same compound file under .wps; a wrong extension must not matter either.
        { ReportTemplate.Format2021, "report.wps" },
        { ReportTemplate.Format2019, "report.txt" },
    };

    [Fact]
    public void LibreOffice_really_wrote_legacy_word_files()
    {
        // Guards the tests below: they are only worth something if the bytes are a binary .doc, not a DOCX.
        foreach (var bytes in files.Docs.Values.Append(files.Numbered))
            Assert.Equal(OfficeKind.OleWord, OfficeContainer.Sniff(bytes));
    }

    [Fact]
    public void Automatic_numbering_survives_a_legacy_word_file()
    {
        var read = DocumentReaders.Default.Read(files.Numbered, "numbered.doc");

        Assert.Equal("doc", read.Properties["convertedFrom"]);
        var lines = read.Lines.Select(l => read.Text.Raw[read.Text.ToRaw(l.Start)..read.Text.ToRaw(l.Start + l.Length)]).ToList();
        Assert.Equal(DocxReaderTests.NumberedLines, lines);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Legacy_word_file_reads_back_every_cell(ReportTemplate template, string fileName)
    {
        var report = files.Reports[template];

        var read = ReportPipeline.Default.Read(files.Docs[template], fileName);

        // Read as DOCX after conversion; the provenance is still the legacy file's own bytes.
        Assert.Equal(("docx", DocumentBuilder.Hash(files.Docs[template])), (read.Source!.Format, read.Source.Sha256));
        Assert.Equal(report.Template, read.Template);
        Assert.Equal(report.Agency, read.Agency);
        Assert.Equal(report.Year, read.Year);
        Assert.Equal(Enumerable.Range(1, 6), read.Sections.Select(s => s.Number));
        foreach (var table in report.Tables)
        {
            var back = read.Table(table.Kind);
            Assert.True(back is not null, $"{table.Kind.ToContractName()} was not read back from {fileName}");
            var mismatches = table.Cells().Where(c => back[c.Path] != c.Value)
                .Select(c => $"{c.Path}: wrote {c.Value?.ToString() ?? "null"}, read {back[c.Path]?.ToString() ?? "null"}").ToList();
            Assert.True(mismatches.Count == 0, $"{fileName} {template.ToContractName()}: {mismatches.Count} cells differ:\n" + string.Join("\n", mismatches.Take(20)));
        }
    }
}
