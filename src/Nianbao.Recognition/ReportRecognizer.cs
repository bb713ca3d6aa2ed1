using Nianbao.Documents.Model;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;
using Nianbao.Recognition.Metadata;
using Nianbao.Recognition.Sections;
using Nianbao.Recognition.Tables;

namespace Nianbao.Recognition;

/// <summary>
/// SourceDocument → Report: metadata, template, sections and the three tables. Builds a draft and
/// publishes it; what the reader could not do is kept as reading notes (R-*), apart from the checks.
/// </summary>
public static class ReportRecognizer
{
    public static Report Recognize(SourceDocument document) => Draft(document).Publish();

    /// <summary>
    /// A reader's notice as an R-5 (needs OCR) or R-4 finding, told from the message catalog (key
    /// "R-4." or "R-5." and the notice's code) so it is said in Chinese or English; a notice the
    /// catalog does not know keeps the reader's English.
    /// </summary>
    internal static Finding ReaderNote(DocumentNotice notice)
    {
        var rule = notice.Code == "needs-ocr" ? Rules.NeedsOcr : Rules.UnreadableSource;
        var key = rule + "." + notice.Code;
        return FindingMessages.Has(key)
            ? FindingMessages.Make(rule, Severity.Error, key, [], notice.Args.Select(a => (a.Key, (object?)a.Value)).ToArray())
            : new Finding(rule, Severity.Error, notice.Message);
    }

    /// <summary>The draft, before it is published (for callers that add to it, e.g. the version that read it).</summary>
    public static ReportDraft Draft(SourceDocument document)
    {
        var report = new ReportDraft
        {
            Source = new SourceInfo(document.FileName, document.Sha256, document.Format.ToContractName(), document.Encoding),
        };
        foreach (var notice in document.Notices)
            report.Note(ReaderNote(notice));

        var view = new DocumentView(document);
        ReportMetadata.Recognize(view, report);
        report.Template = TemplateClassifier.Classify(view, report.Year);
        SectionRecognizer.Recognize(view, report);

        if (TemplateSchema.For(report.Template) is not { } template)
        {
            // Prose, an empty page, "{}" or "[]": nothing of an annual report is in it. Saying "no
            // findings" would pass it as a clean report.
            if (report.Template == ReportTemplate.Unknown && report.Sections.Count == 0 && !report.ReadingNotes.Any(f => f.Rule == Rules.NeedsOcr))
                report.Note(FindingMessages.Make(Rules.NotAReport, Severity.Error, "R-0", []));
            return report;
        }
        // Every cell of the three tables gets a provenance entry: the map is sized once for all of
        // them rather than grown table by table (each growth rehashes every entry it holds).
        report.Provenance.EnsureCapacity(template.ActiveDisclosure.CellCount + template.Applications.CellCount + template.ReviewsAndLawsuits.CellCount);
        var regions = TableRegions.Locate(view);
        report.ActiveDisclosure = ActiveDisclosureTableReader.Read(view, regions, template, report);
        report.Applications = ApplicationsTableReader.Read(view, regions, template, report);
        report.ReviewsAndLawsuits = ReviewsTableReader.Read(view, regions, template, report);
        report.FeeCollection = FeeCollectionReader.Read(view, regions);
        if (report.ActiveDisclosure is null && report.Applications is null && report.ReviewsAndLawsuits is null)
            report.Note(FindingMessages.Make(Rules.TableNotFound, Severity.Error, "R-3.tables", []));
        return report;
    }
}
